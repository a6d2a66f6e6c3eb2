"""The layouts the importer looks for, as the message that refuses an article with none of them lists them."""

#: What the importer looks for, shown when an article has none of it.
EXPECTED_STRUCTURES = """Counterpoint looked for these layouts and found none:

  Point #1: <the claim the article rebuts>     numbered points:  1. <claim>
  <a paragraph conceding what is true in it>                     <paragraphs answering it>
  <paragraphs answering it>

  Myth: <claim>                 Claim: <claim>          Objection: <claim>
  Fact: <the answer>            Response: <answer>      Reply: <answer>
  (or NOT TRUE:, Reality:, The truth:, The facts:)

  Argument 1) <claim>            (where the title or opening calls them arguments against, myths...)
  • <a reason>                    each bullet of the list one reason

  He says: <the other side's turn>   (or She says:, They say:, If they say:)   a "they say, you say" script
  You say: <the answer>, then <its paragraphs>   (or We say:, You could say:, Your answer:)

  You'll also hear it as: "<a phrasing of the claim>" · "<another>"   (or Also heard as:)
  Where it comes from: <who says it; left out>
  What's actually true: <the answer>   (or The reality:, The truth:), then <its paragraphs>, The tell: <...>

  Myth #1: <claim>. <the rest of the paragraph answering it>   (a run-in lead; on a page that names
  1. <claim>. <the rest of the paragraph answering it>         its myths, or the leads report them:
                                                               "1. They complain X. ...", a number too)

  <Subheading> Myth: <claim> <Answer ...>   (run together by a scraper: the claim ends where a
                                             capitalised word opens the answer)

  Excuse 1: <claim>             (any one label with a number, on a page that names its claims)
  <paragraphs answering it>

  "<a quoted excuse>" <its answer, in the rest of the paragraph>   (on a page that names its excuses)

  <claim> – FALSE               (or – Myth, (myth), : Not true)
  <paragraphs answering it>

  ... <claim>. UNTRUE. <the answer>   (a verdict in capitals: FALSE, WRONG, NOPE, MYTH...)
  1. <claim> [False! <the answer>]    (or an exclaimed verdict: False!, Wrong again!)

  <the page's claim, its title>                a premise page (as Parlia's): the title is a Point,
  Counter arguments                            answered by "Counter arguments"; each premise
  <paragraphs answering the claim>             rejected is a Point, answered after its label
  [P1] <premise> [P2] <premise> ...
  [Rejecting P1] <the answer to P1> [Rejecting P2] <the answer to P2>

  "A quoted objection on its own line."        Q: A question on its own line?
  <paragraphs answering it>                    <paragraphs answering it>
                                               (or a worry: I fear <claim>. / I'm afraid ... / My concern is ...)
                                               1. A question? <its answer run on> (numbered, twice at least)

  FAQ 3: <one question, asked in the title>?    a page of one question, answered by numbered reasons
  1. <a reason>. <the rest of its paragraph>
  2. <the next reason>. ...

  "A SLOGAN IN CAPITALS." <its credit: www.site.org> <the answer, on the same line or the next>

  <a thesis rejecting a proposal: "X is not warranted. I have come to this conclusion for several reasons:">
  -<a reason, a paragraph led by a dash>
  - <the next reason>

  -----------------------------------   objections between rules (---, ***, ___):
  <the other side's claim, a paragraph of its own>
  <paragraphs answering it>
  -----------------------------------

  - <a claim>: <its answer, on the same line>   (bullets, on a page that names its myths)

  - <a claim, as a bulleted item>              Five Myths About <topic>   (or excuses, mistakes...)
  <paragraphs answering it>                    <A Bare Heading Stating a Claim>
                                               <paragraphs answering it>

  <A bare heading stating a claim>             a claim the paragraph under it reports, then rejects:
  You may read that <claim>. In my view this is wrong. <the answer>
  (or Many sites will say ..., Some say ...; That may be true for ..., but ..., Not so., That is a myth.)

  @handle: "<a post quoted under its handle>"     "<the critics' words>," sneer the critics, "<more of them>"
  <paragraphs answering it>                      <the rest of the paragraph, and the next, answering them>
                                                 ("Hey," I reply, "<the writer's quoted retort answers>")

  a reply to one named opponent, their argument reported in the third person:
  <Name>, who argues that <claim>, ... / <Name> argues that <claim>. / According to <Name>, <claim>.
  <Name> cites <what the claim rests on>. He says "<claim>." / She argues that <claim>.
  <the sentences answering it>  ...  First of all, <the writer's own reasons, answering the first claim>

  <an opening naming a piece: "Here's an article in Slate ... by Jane Doe.">   a reply to one quoted passage
  Here's a taste:   (or He writes:, any short line ending in a colon)
  <the passage quoted, one paragraph or > lines: its sentences are the claims>
  <paragraphs answering them, each the claim it shares most words with>

  an op-ed stating the other side's claims in prose, each answered in the sentences after it:
  Critics say <claim>. / Some argue that <claim>. / It is often claimed that <claim>.
  Opponents point to <claim>. / "<claim>," says <source>. / You claim to <claim>.
  It is a false assumption that <claim>. / Your report that <claim> fails to consider <the answer>.
  Concerns that <claim> are unwarranted. / A reader wrote... "<claim>. <more of the comment>"
  But <the answer, in the same or the following paragraphs>

  X should do away with Y.   (the thesis: "X should keep Y" is a claim)   a post discrediting the other side's report:
  <the sentences discrediting it> ... the "report" ... which found that <claim>. <how far it spread>

  • Raw milk DOES NOT kill pathogens.   (corrections with their verb in capitals, on a page naming
  • Pasteurization DOES save lives.     myths: "Raw milk kills pathogens." is the claim)

  beliefs stated as lines of their own, three or more:
  My shoes feel fine.                   (one short sentence, with its full stop)
  <paragraphs answering it, the first taking up one of its words>

  and, as the last resort, any text that argues: each block (a heading and its paragraphs, else a
  paragraph) a Point, where two or more of them answer a claim a rule can name:
  The myth says <claim>. / It's a myth that <claim>. / People think <claim>. / Contrary to myth, <denial>.
  <A Heading Stating a Claim>          <a denial opening a paragraph, under an opening naming the myths:
  <paragraphs answering it>             "X is not Y." answers "X is Y."> <the rest of the paragraph>

  and a headline that denies a claim over paragraphs of prose: "No, X Is Not Y" -> the Point "X Is Y."
  (or votes against a proposal: "NO on X" -> "We should say yes to X.")
"""
