"""Which cases a server can use: the shipped ones everywhere, plus its own uploads.

Uploaded cases live in SQLite per server (validated before they are stored);
re-uploading an id makes a new current version while attempts keep the
version they were scored against. The catalog keeps each server's parsed
library in memory and drops it whenever that server's cases change.
"""

from __future__ import annotations

from .cases import Case, CaseError, CaseLibrary, UnknownCaseError, parse_case
from .storage import Storage


class CatalogError(ValueError):
    """An upload or removal that cannot be done; the message says why."""


class CaseCatalog:
    @classmethod
    def of(cls, cases: CaseLibrary | CaseCatalog) -> CaseCatalog:
        """A catalog as is, or one around a plain library (the terminal: shipped cases only)."""
        return cases if isinstance(cases, CaseCatalog) else cls(cases)

    def __init__(self, shipped: CaseLibrary, storage: Storage | None = None):
        self.shipped = shipped
        self.storage = storage
        self._by_guild: dict[int, CaseLibrary] = {}

    async def library_for(self, guild_id: int | None) -> CaseLibrary:
        """The shipped cases, plus the server's own (none in private practice)."""
        if guild_id is None or self.storage is None:
            return self.shipped
        library = self._by_guild.get(guild_id)
        if library is None:
            uploaded = [
                parse_case(toml, source="server case") for toml in await self.storage.guild_cases.current(guild_id)
            ]
            library = self._by_guild[guild_id] = CaseLibrary([*self.shipped, *uploaded])
        return library

    async def get(self, case_id: str, guild_id: int | None) -> Case:
        return (await self.library_for(guild_id)).get(case_id)

    async def default_for(self, guild_id: int | None) -> Case:
        """The server's default case if it set one (and it still exists), else the first shipped case."""
        library = await self.library_for(guild_id)
        if guild_id is not None and self.storage is not None:
            chosen = (await self.storage.guild_settings.get(guild_id)).default_case
            if chosen:
                try:
                    return library.get(chosen)
                except UnknownCaseError:
                    pass
        return self.shipped.default

    async def upload(self, guild_id: int, raw: bytes, filename: str, uploaded_by: int) -> Case:
        """Validate and store a case file for this server; CaseError or CatalogError say what is wrong."""
        case = parse_case(raw, source=filename)
        if any(c.id == case.id for c in self.shipped):
            raise CatalogError(f"'{case.id}' is the id of a shipped case; give yours another id.")
        assert self.storage is not None, "server cases need storage"
        await self.storage.guild_cases.save(guild_id, case.id, case.version, raw.decode("utf-8"), uploaded_by)
        self._by_guild.pop(guild_id, None)
        return case

    async def remove(self, guild_id: int, case_id: str) -> None:
        if any(c.id == case_id for c in self.shipped):
            raise CatalogError(f"'{case_id}' is a shipped case; only the server's own cases can be removed.")
        assert self.storage is not None, "server cases need storage"
        if not await self.storage.guild_cases.retire(guild_id, case_id):
            raise CatalogError(f"This server has no case '{case_id}'.")
        self._by_guild.pop(guild_id, None)


__all__ = ["CaseCatalog", "CaseError", "CatalogError"]
