/**
 * The English lexicon of the evidence lint. Categories and their sources are described in
 * evidence-lint.ts (US EEOC; UK Equality Act 2010). Patterns are written for precision: a word with an
 * everyday technical sense ("race condition", "disabled the flag", "child process", "model ageing",
 * "foreign key", "vendor-agnostic") is only flagged in a form that speaks of a person: a subject + verb
 * ("she is young"), a people noun ("young mother", "Polish guy"), a possessive ("her age", "his health")
 * or a term with no other sense ("pregnant", "headscarf"). Idioms that describe behaviour stay clean:
 * "religiously versioned their datasets" (scrupulously), "a pregnant pause" (a telling silence), "a
 * religious war over tabs", "leap of faith", "deploy and pray".
 *
 * Every pattern is a bounded alternation (at most a few optional words between fixed terms), so
 * matching is linear in the text's length. Keep it that way when adding words.
 */
import type { EvidenceLexicon, LexiconRule } from "./evidence-lint";

const re = (source: string) => new RegExp(source);
const any = (words: readonly string[]) => `(?:${words.join("|")})`;

/** Who a remark can be about: the candidate, as a subject. */
const SUBJECT = String.raw`\b(?:he|she|they|(?:the|this) (?:candidate|applicant|interviewee|person)|candidate)`;
/** "is", "seems", "came across as", or a contraction directly after the subject. */
const BE = String.raw`(?:\s+(?:is|was|are|were|seems?|seemed|looks?|looked|appears?|appeared|sounds?|sounded|felt|feels|came across as|comes across as|struck me as|strikes me as|might be|may be|must be|is clearly|was clearly|is probably|was probably)|'s|'re)`;
/** Up to three softeners or intensifiers ("very", "a bit", "not"). */
const INTENS = String.raw`(?:(?:very|too|quite|rather|really|so|super|extremely|pretty|fairly|a bit|a little|a tad|kind of|kinda|somewhat|overly|clearly|obviously|definitely|probably|still|just|not|an?)\s+){0,3}`;
/** Nouns for people. */
const PEOPLE = String.raw`(?:candidates?|applicants?|interviewees?|man|men|wom[ae]n|guys?|gals?|lady|ladies|gentlem[ae]n|girls?|boys?|persons?|people|engineers?|architects?|dudes?|chaps?|blokes?|fellows?|individuals?|hires?|folks?|mums?|moms?|mothers?|dads?|fathers?|parents?|colleagues?|team members?|employees?|leaders?|managers?)`;
/** The end of a clause, or a conjunction that starts the next one. */
const END = String.raw`(?=[ \t]*(?:[.,;:!?)\n—–]|$|(?:and|but|or|yet|though|although|so|which|who)\b))`;
/** Not followed by a thing the term describes as data ("age groups", "gender features", "pregnancy risk model"). */
const NOT_DATA_TAIL = String.raw`(?!(?:-| )(?:\w+(?:-| ))?(?:models?|classifiers?|data|datasets?|features?|labels?|cohorts?|groups?|brackets?|bands?|buckets?|segments?|slices?|splits?|distributions?|parity|bias|fairness|metrics?|columns?|fields?|attributes?|predictions?|detection|screening|outcomes?|users|customers|patients|speakers|applicants|population|subgroups?|apps?|chatbots?|products?|platforms?|startups?|services?|domain|sector|research|stud(?:y|ies)|surveys?|records|codes?|categor(?:y|ies))\b)`;

const DEMONYMS = any([
  "american",
  "british",
  "english",
  "scottish",
  "welsh",
  "irish",
  "polish",
  "german",
  "french",
  "italian",
  "spanish",
  "portuguese",
  "dutch",
  "belgian",
  "swiss",
  "austrian",
  "swedish",
  "norwegian",
  "danish",
  "finnish",
  "russian",
  "ukrainian",
  "romanian",
  "bulgarian",
  "hungarian",
  "czech",
  "slovak",
  "serbian",
  "croatian",
  "albanian",
  "greek",
  "turkish",
  "kurdish",
  "iranian",
  "persian",
  "iraqi",
  "syrian",
  "lebanese",
  "israeli",
  "palestinian",
  "egyptian",
  "moroccan",
  "algerian",
  "saudi",
  "indian",
  "pakistani",
  "bangladeshi",
  "sri lankan",
  "nepali",
  "nepalese",
  "afghan",
  "chinese",
  "taiwanese",
  "japanese",
  "korean",
  "vietnamese",
  "filipin[oa]",
  "thai",
  "indonesian",
  "malaysian",
  "singaporean",
  "nigerian",
  "ghanaian",
  "kenyan",
  "ethiopian",
  "eritrean",
  "somali",
  "sudanese",
  "ugandan",
  "zimbabwean",
  "south african",
  "mexican",
  "brazilian",
  "argentin(?:e|ian)",
  "colombian",
  "venezuelan",
  "peruvian",
  "chilean",
  "cuban",
  "jamaican",
  "haitian",
  "canadian",
  "australian",
  "eastern european",
  "latin american",
  "middle eastern",
  "north african",
  "west african",
  "east african",
  "slavic",
  "balkan",
  "european",
  "scandinavian",
]);

const COUNTRIES = any([
  "abroad",
  "overseas",
  "poland",
  "germany",
  "france",
  "italy",
  "spain",
  "portugal",
  "romania",
  "bulgaria",
  "hungary",
  "russia",
  "ukraine",
  "greece",
  "turkey",
  "iran",
  "iraq",
  "syria",
  "lebanon",
  "israel",
  "egypt",
  "morocco",
  "india",
  "pakistan",
  "bangladesh",
  "sri lanka",
  "nepal",
  "afghanistan",
  "china",
  "taiwan",
  "japan",
  "korea",
  "vietnam",
  "the philippines",
  "thailand",
  "indonesia",
  "malaysia",
  "nigeria",
  "ghana",
  "kenya",
  "ethiopia",
  "somalia",
  "south africa",
  "mexico",
  "brazil",
  "argentina",
  "colombia",
  "venezuela",
  "cuba",
  "jamaica",
  "canada",
  "australia",
  "ireland",
  "scotland",
  "wales",
  "england",
  "the us",
  "the uk",
  "africa",
  "asia",
  "eastern europe",
  "latin america",
  "the middle east",
]);

const VERDICTS = any([
  "great",
  "good",
  "excellent",
  "outstanding",
  "amazing",
  "awesome",
  "fantastic",
  "brilliant",
  "impressive",
  "superb",
  "stellar",
  "exceptional",
  "phenomenal",
  "incredible",
  "strong",
  "solid",
  "weak",
  "poor",
  "bad",
  "terrible",
  "awful",
  "mediocre",
  "average",
  "decent",
  "fine",
  "ok",
  "okay",
  "so-so",
  "meh",
  "underwhelming",
  "lacklustre",
  "lackluster",
  "shallow",
  "smart",
  "sharp",
  "clever",
  "bright",
  "competent",
  "incompetent",
  "capable",
  "top-notch",
  "world-class",
  "subpar",
  "sub-par",
  "disappointing",
  "unimpressive",
  "unconvincing",
  "promising",
  "borderline",
  "adequate",
  "inadequate",
  "unremarkable",
  "articulate",
]);

/** Nouns a verdict is passed on ("strong candidate", "weak answers"). */
const VERDICT_NOUNS = String.raw`(?:candidate|applicant|answers?|responses?|performance|interview|showing|communicator|engineer|architect|thinker|leader|understanding|knowledge|grasp|skills?|skillset|skill set|fundamentals|depth|experience|background|profile|session|overall|hire|fit(?!\s+(?:for|to)\s+(?:the\s+)?(?:data|distribution|model|curve))|potential|all-rounder|match|contender|technically|presentation|intuition|instincts|judge?ment)`;

const LABELS = any([
  "arrogant",
  "cocky",
  "smug",
  "pushy",
  "defensive",
  "difficult",
  "prickly",
  "cold",
  "aloof",
  "stand-?offish",
  "timid",
  "shy",
  "introverted",
  "introvert",
  "extroverted",
  "extrovert",
  "awkward",
  "socially awkward",
  "weird",
  "odd",
  "quirky",
  "nerdy",
  "geeky",
  "intense",
  "high-strung",
  "highly strung",
  "nervous",
  "jittery",
  "overconfident",
  "confident",
  "humble",
  "modest",
  "charming",
  "charismatic",
  "likeable",
  "likable",
  "unlikeable",
  "unlikable",
  "friendly",
  "unfriendly",
  "nice",
  "lovely",
  "pleasant",
  "annoying",
  "irritating",
  "passionate",
  "energetic",
  "enthusiastic",
  "lazy",
  "entitled",
  "condescending",
  "patroni[sz]ing",
  "stubborn",
  "rigid",
  "opinionated",
  "argumentative",
  "combative",
  "rude",
  "polite",
  "genuine",
  "sincere",
  "authentic",
  "low(?:-| )energy",
  "high(?:-| )energy",
  "bubbly",
  "laid(?:-| )back",
  "intimidating",
  "soft-spoken",
  "quiet",
  "loud",
  "brash",
  "abrupt",
  "curt",
  "aggressive",
]);

/** Labels that research on performance feedback finds are applied mostly to women. */
const GENDER_CODED_LABELS = any([
  "abrasive",
  "bossy",
  "shrill",
  "hysterical",
  "emotional",
  "feisty",
  "sassy",
  "ditzy",
  "catty",
]);

const APPEARANCE_ADJ = any([
  "attractive",
  "unattractive",
  "good(?:-| )looking",
  "handsome",
  "pretty",
  "beautiful",
  "ugly",
  "gorgeous",
  "cute",
  "sexy",
  "overweight",
  "obese",
  "fat",
  "skinny",
  "chubby",
  "plump",
  "tall",
  "short",
  "petite",
  "bald",
  "balding",
  "scruffy",
  "unkempt",
  "dishevell?ed",
  "well(?:-| )dressed",
  "badly dressed",
  "poorly dressed",
  "smartly dressed",
  "sharply dressed",
  "underdressed",
  "overdressed",
  "well(?:-| )groomed",
  "presentable",
]);

const rules: LexiconRule[] = [
  // ---- age -----------------------------------------------------------------------------------------
  {
    category: "age",
    // "young" of things ("a young field", "the codebase is young") stays clean
    pattern: re(
      String.raw`(?<!\b(?:field|company|startup|project|codebase|product|discipline|industry|org|organi[sz]ation|platform|market|technology|tech|stack|system|service|team|area|space|ecosystem|library|framework|tool|tooling|repo)\s+(?:is|was|are|were|'s)\s+(?:still\s+)?(?:very\s+|quite\s+|relatively\s+|fairly\s+)?)\b(?<hit>young(?:er|ish)?|youthful|youth)\b(?!\s+(?:compan(?:y|ies)|startups?|fields?|discipline|industry|orgs?|organi[sz]ations?|platforms?|markets?|technolog(?:y|ies)|tech|stacks?|systems?|services?|projects?|codebases?|products?|librar(?:y|ies)|frameworks?|area|space|ecosystems?|repos?|data|models?|versions?|branch(?:es)?))`,
    ),
  },
  {
    category: "age",
    pattern: re(String.raw`${SUBJECT}${BE}\s+${INTENS}(?<hit>old|older|elderly|middle-aged|past it|over the hill)\b`),
  },
  {
    category: "age",
    pattern: re(String.raw`\b(?<hit>old|older|elderly|aged|ageing|aging|middle-aged)\s+${PEOPLE}\b`),
    // "the model's bias against older applicants" is fairness work on data, not a remark about the candidate
    attribute: true,
  },
  {
    category: "age",
    pattern: re(String.raw`\b(?<hit>over-?qualified)\b`),
    why: "“Overqualified” is a common stand-in for age (the EEOC warns about it); name the requirement of the role that the experience does not fit.",
  },
  {
    category: "age",
    pattern: re(
      String.raw`\b(?<hit>elderly|geriatric|senile|middle-aged|millennials?|boomers?|gen(?:-| )?z|gen(?:-| )?x|zoomers?|digital natives?|twenty-?somethings?|thirty-?somethings?|gr[ae]y(?:-| )haired|gr[ae]y hair|gr[ae]ybeard|set in (?:his|her|their) ways|new blood|fresh blood)\b`,
    ),
  },
  {
    category: "age",
    pattern: re(String.raw`\b(?:his|her|their|(?:the )?candidate's)\s+(?<hit>age)\b(?![-‐]\w)`),
    attribute: true,
  },
  {
    category: "age",
    pattern: re(
      String.raw`\b(?<hit>retirement age|close to retirement|near(?:ing)? retirement|approaching retirement|semi-retired|pre-retirement|retirees?|pensioners?)\b`,
    ),
  },
  {
    category: "age",
    pattern: re(
      String.raw`(?:${SUBJECT}${BE}\s+(?:close to |near |about to |planning to |going to )?|\b(?:before|until|when|once)\s+(?:he|she|they)\s+)(?<hit>retir(?:ing|ed|es?))\b`,
    ),
  },
  {
    category: "age",
    pattern: re(
      String.raw`\b(?<hit>\d{2}(?:-| )years?(?:-| )old|aged\s+\d{2}|in (?:his|her|their) (?:early |mid |late |mid-)?(?:twenties|thirties|forties|fifties|sixties|seventies|[2-7]0'?s))\b`,
    ),
  },

  // ---- family status and caring responsibilities ------------------------------------------------------
  {
    category: "family_status",
    pattern: re(
      String.raw`\b(?<hit>mothers?|mums?|moms?|mummy|mommy|fathers?|dads?|daddy|parenthood|parenting|parental leave|paternity(?: leave)?|motherhood|fatherhood|single parents?|working parents?|stay-at-home parents?)\b(?!\s+(?:tongue|of all|jokes?|boards?|nodes?|process(?:es)?|jobs?|tasks?|tables?|compan(?:y|ies)|class(?:es)?|records?|ships?))`,
    ),
  },
  {
    category: "family_status",
    pattern: re(
      String.raw`\b(?<hit>kids?|kiddos?|toddlers?|newborns?|babies|grandchildren|grandkids?|step-?(?:kids?|children|sons?|daughters?)|sons?|daughters?|nann(?:y|ies)|babysitters?|childcare|child care|school run|nursery (?:run|pick-?up|drop-?off)|school (?:pick-?up|drop-?off)|daycare|day care|baby(?!\s+steps?))\b(?!\s+gloves|(?:-| )?boards?)`,
    ),
  },
  {
    category: "family_status",
    pattern: re(
      String.raw`\b(?:his|her|their|my|has an?|have an?|has (?:two|three|four|five|\d|young|small|little|grown)|with (?:two|three|four|five|\d|young|small|little)|of (?:two|three|four|five|\d)|young|small|little|sick|new|(?:two|three|four|five) young)\s+(?<hit>child(?:ren)?|parents|grandparents?)\b`,
    ),
    technical: true,
  },
  {
    category: "family_status",
    pattern: re(
      String.raw`\b(?<hit>caring responsibilit(?:y|ies)|carers?|care-?givers?|caregiving|family (?:commitments?|obligations?|responsibilit(?:y|ies)|reasons|life|man|woman|plans|situation|circumstances|emergenc(?:y|ies))|start(?:ing)? a family|(?:plans?|planning|wants?|wanting) (?:to have|on having|for) (?:kids|children|a baby|a family))\b`,
    ),
  },

  // ---- pregnancy and maternity ----------------------------------------------------------------------
  {
    category: "pregnancy_maternity",
    // "a pregnant pause" is a telling silence: behaviour, not a condition
    pattern: re(String.raw`\b(?<hit>pregnan(?:t|cy|cies))\b(?!\s+paus)${NOT_DATA_TAIL}`),
    attribute: true,
  },
  {
    category: "pregnancy_maternity",
    pattern: re(
      String.raw`\b(?<hit>maternity(?: leave)?|mat leave|breast-?feeding|morning sickness|miscarriage|ivf|fertility treatment|baby bump|expecting (?:a baby|a child|twins|(?:her|his|their) (?:first|second|third|next) (?:child|baby|kid))|baby on the way|(?:gave|giving|give) birth|(?:trying|planning|plans?|wants?) (?:for a baby|to conceive|to have a baby))\b`,
    ),
  },
  {
    category: "pregnancy_maternity",
    pattern: re(String.raw`${SUBJECT}${BE}\s+(?<hit>expecting)${END}`),
  },

  // ---- religion or belief ---------------------------------------------------------------------------
  {
    category: "religion_belief",
    // "religious about testing", "a religious war over tabs" are figures of speech; "religiously" never matches
    pattern: re(
      String.raw`\b(?<hit>religio(?:n|ns|us))\b(?!\s+(?:about|over|wars?|debates?|zeal|fervou?r|adherence|devotion|when it comes)\b)${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "religion_belief",
    pattern: re(
      String.raw`\b(?<hit>muslims?|moslems?|islam|islamic|christianity|catholics?|catholicism|protestants?|jewish|jews?|judaism|hindus?|hinduism|sikhs?|sikhism|buddhists?|buddhism|mormons?|jehovah's witness(?:es)?|evangelicals?|atheists?|atheism|pagans?|rastafarians?|scientologists?|devout|pious|god-fearing|churchgoers?|church|mosques?|synagogues?|gurdwaras?|ramadan|eid|diwali|hanukkah|passover|sabbath|shabbat|kosher|halal|hijabs?|headscarf|headscarves|head ?scarf|niqabs?|burqas?|burkas?|turbans?|kippahs?|kippot|yarmulkes?|skullcaps?|crucifix(?:es)?|rosary|rosaries|bindis?)\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "religion_belief",
    // "Christian" is also a first name: only as a description
    pattern: re(
      String.raw`(?:\b(?:a|an|is|was|devout|practi[sc]ing|born-again|good|as a|fellow)|'s)\s+(?<hit>christians?)\b|\b(?<hit2>christian)\s+(?:faith|values|beliefs?|church|background|candidate|guy|man|woman|girl|family|school|upbringing)\b`,
    ),
  },
  {
    category: "religion_belief",
    // "faith in the metrics", "leap of faith", "good faith" stay clean
    pattern: re(
      String.raw`\b(?:his|her|their|religious|(?:person|man|woman|people|candidate) of)\s+(?<hit>faith)\b(?!\s+in\b)|\b(?<hit2>faith-based)\b`,
    ),
  },
  {
    category: "religion_belief",
    // "deploy and pray" stays clean: only praying as the candidate's observance
    pattern: re(
      String.raw`(?:${SUBJECT}|\band)\s+(?<hit>prays|prayed)\b(?!\s+(?:it|that|the|for)\b)|${SUBJECT}\s+(?<hit2>pray)\b(?!\s+(?:it|that|the|for)\b)|\b(?:his|her|their|daily|friday)\s+prayers?\b|\bprayer (?:rooms?|breaks?|times?|mats?)\b`,
    ),
  },
  {
    category: "religion_belief",
    pattern: re(String.raw`\b(?<hit>vegans?|veganism)\b${NOT_DATA_TAIL}`),
    why: "Ethical veganism is a protected philosophical belief under the Equality Act 2010; diet is not evidence.",
  },

  // ---- race, ethnicity, colour ----------------------------------------------------------------------
  {
    category: "race_ethnicity",
    pattern: re(
      String.raw`\b(?:his|her|their)\s+(?<hit>race|ethnicity|ethnic (?:background|origins?|heritage)|skin(?: colou?r| tone)?|colou?r|complexion)\b`,
    ),
    attribute: true,
    technical: true,
  },
  {
    category: "race_ethnicity",
    // hair texture is a race proxy (US CROWN Acts; EHRC guidance on hair discrimination)
    pattern: re(
      String.raw`\b(?<hit>ethnicity|ethnicities|ethnic(?:ally)?(?: minorit(?:y|ies)| background| origins?)?|racial(?:ly)?|racially|skin colou?r|skin tone|dark(?:-| )skinned|light(?:-| )skinned|fair(?:-| )skinned|brown(?:-| )skinned|persons? of colou?r|people of colou?r|bame|bme|mixed(?:-| )race|biracial|multiracial|dreadlocks|cornrows|afros?|afro hair|natural hair)\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "race_ethnicity",
    pattern: re(
      String.raw`\b(?<hit>black|white|brown|asian|african|african-american|caribbean|afro-caribbean|hispanic|latin[oax]|arab|middle(?:-| )eastern|south(?:-| )asian|east(?:-| )asian|oriental|mixed|ethnic|minority|roma|romani|gypsy|gypsies|traveller)\s+${PEOPLE}\b`,
    ),
    attribute: true,
  },
  {
    category: "race_ethnicity",
    pattern: re(
      String.raw`${SUBJECT}${BE}\s+${INTENS}(?<hit>black|white|brown|asian|african|caribbean|hispanic|latin[oax]|arab|mixed(?:-| )race|biracial|exotic)${END}`,
    ),
  },
  {
    category: "race_ethnicity",
    pattern: re(
      String.raw`\b(?<hit>asians?|africans?|african-americans?|hispanics?|latin[oa]s?|latinx|arabs?|afro-caribbeans?|romani|gyps(?:y|ies)|irish travell?ers?|orientals?|exotic(?:-| )looking|exotic (?:features|beauty))\b(?!\s+(?:markets?|regions?|languages?|customers|users|traffic|data|datacenters?|data cent(?:er|re)s?|cloud|offices?|time ?zones?|subsidiar(?:y|ies)|expansion|launch|countries|economies|banks?|branch(?:es)?))${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },

  // ---- national origin and citizenship --------------------------------------------------------------
  {
    category: "national_origin",
    pattern: re(
      String.raw`\b(?<hit>foreign(?:ers?|-born)?)\b(?!\s+(?:keys?|exchange|functions?|interfaces?|tables?|data|currenc(?:y|ies)|calls?|code|api|language models?|accent))`,
    ),
  },
  {
    category: "national_origin",
    pattern: re(
      String.raw`\b(?<hit>immigrants?|immigrated|immigration status|emigrated|migrants?|expats?|refugees?|asylum(?: seekers?)?|nationality|nationalities|national origins?|citizenship|green card|work permit|right to work|country of origin|home country|native country|mother country|(?:hard|difficult|impossible|tricky) to pronounce|unpronounceable|(?:foreign|unusual|exotic|ethnic|funny|strange|weird)(?:-| )(?:sounding )?(?:name|surname))\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "national_origin",
    pattern: re(
      String.raw`(?<!\b(?:first|second)(?:-| )class )\b(?<hit>citizens?)\b(?!\s+(?:data|developers?|scientists?|analysts?))`,
    ),
  },
  {
    category: "national_origin",
    // "worked at Visa" stays clean: only immigration visas
    pattern: re(
      String.raw`\b(?:his|her|their|on an?|needs? an?|requires? an?|work|student|h-?1b|tier 2|skilled worker|spousal|spouse)\s+(?<hit>visa)\b|\b(?<hit2>visa)\s+(?:status|sponsorship|issues?|expir(?:es|y|ing)|situation|requirements?|problems?)\b|\b(?<hit3>(?:visa|work|h-?1b) sponsorship|needs? sponsorship|requires? sponsorship)\b`,
    ),
  },
  {
    category: "national_origin",
    pattern: re(
      String.raw`${SUBJECT}\s+(?:was\s+|were\s+)?(?<hit>born|raised|brought up|grew up)\s+(?:in|abroad|overseas)\b|\b(?<hit2>originally from|where (?:he|she|they)(?:'s|'re| is| are| was| were| comes?| came) from|(?:his|her|their) (?:roots|heritage|home country|nationality|passport|background is \w+))\b`,
    ),
  },
  {
    category: "national_origin",
    pattern: re(String.raw`\b(?<hit>${DEMONYMS})\s+${PEOPLE}\b`),
  },
  {
    category: "national_origin",
    pattern: re(
      String.raw`(?:${SUBJECT}${BE}\s+${INTENS}|\b(?:as an?|an?)\s+)(?<hit>${DEMONYMS})${END}|${SUBJECT}(?:${BE}\s+(?:originally\s+)?|\s+(?:comes?|came)\s+)(?<hit2>from\s+${COUNTRIES})\b`,
    ),
  },

  // ---- accent and language as a proxy ---------------------------------------------------------------
  {
    category: "accent_language",
    pattern: re(
      String.raw`\b(?<hit>accents?|accented (?:english|speech|voice))\b(?!(?:-| )(?:colou?rs?|marks?|characters?|letters?|folding|(?:in)?sensitive))${NOT_DATA_TAIL}`,
    ),
    attribute: true,
    technical: true,
  },
  {
    category: "accent_language",
    pattern: re(
      String.raw`\b(?<hit>non-?native(?: (?:english )?speakers?)?|native (?:\w+ )?speakers?|mother tongue|english as a second language|esl|(?:broken|poor|bad|limited|imperfect|halting|weak|basic|shaky|heavily accented)\s+english|language barrier|well(?:-| )spoken)\b`,
    ),
  },
  {
    category: "accent_language",
    // "Python was her first language" stays clean
    pattern: re(String.raw`\b(?<hit>first language|second language)\b`),
    technical: true,
  },
  {
    category: "accent_language",
    pattern: re(
      String.raw`\b(?:his|her|their)\s+(?<hit>english)\b(?!\s+(?:docs|documentation|copy|slides|deck|write-?ups?))|\b(?<hit2>english)\s+(?:skills|level|proficiency|fluency)\b`,
    ),
  },

  // ---- disability and health ------------------------------------------------------------------------
  {
    category: "disability_health",
    pattern: re(
      String.raw`\b(?<hit>disabilit(?:y|ies)|handicap(?:ped)?|wheelchairs?|crutches|walking stick|hearing aids?|sign language|visually impaired|partially sighted|hard of hearing|deafness|autism|autistic|asperger'?s|aspie|adhd|dyslexi[ac]|dyspraxi[ac]|dyscalculi[ac]|neurodivergent|neurodiverse|neurodiversity|mental health|mental illness|mentally ill|depression|depressed|anxiety disorder|panic attacks?|bipolar|schizophreni\w*|ptsd|ocd|epilep(?:sy|tic)|seizures?|diabet(?:es|ic)|chemo(?:therapy)?|hiv|chronic (?:illness|pain|fatigue|condition)|long covid|ill health|illness(?:es)?|health (?:issues?|problems?|conditions?|reasons)|medical (?:conditions?|leave|issues?|appointments?|reasons|needs)|sick (?:leave|days?|note)|medications?|meds|prosthetic|amputee|paraly[sz]ed|paralysis|cancer survivor|deaf(?!\s+to\b))\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "disability_health",
    // "disabled the feature flag", "a blind spot", "double-blind" stay clean: only a person's condition
    pattern: re(
      String.raw`${SUBJECT}${BE}\s+${INTENS}(?<hit>disabled|deaf|blind|partially sighted|paraly[sz]ed|autistic|dyslexic|neurodivergent|on the spectrum|ill|unwell|sick|bipolar|depressed|diabetic|epileptic|in a wheelchair)\b(?!\s+(?:of|to)\b)`,
    ),
  },
  {
    category: "disability_health",
    pattern: re(
      String.raw`\b(?<hit>disabled|blind|deaf|autistic|dyslexic|neurodivergent|wheelchair-bound)\s+(?:${PEOPLE}|veterans?|access|parking|toilets?|badge)\b|\b(?:probably|maybe|possibly|definitely|clearly)\s+(?<hit2>on the spectrum)${END}`,
    ),
  },
  {
    category: "disability_health",
    pattern: re(
      String.raw`\b(?:his|her|their)\s+(?<hit>health|condition|diagnosis|illness|therapist|therapy|medical history|(?:stammer|stutter))\b(?!\s*(?:checks?|endpoints?|probes?|metrics?|status|dashboards?|monitor\w*|scores?))`,
    ),
    technical: true,
  },
  {
    category: "disability_health",
    pattern: re(
      String.raw`\b(?:has|had|having|battling|recovering from|treatment for|diagnosed with|suffers? from|suffering from)\s+(?<hit>cancer|a stroke|a heart attack|depression|anxiety|burnout|a breakdown|a nervous breakdown|a stammer|a stutter|a disability|a condition)\b|${SUBJECT}\s+(?<hit2>stammer(?:s|ed)?|stutter(?:s|ed)?)\b`,
    ),
  },

  // ---- sex, gender, gender reassignment --------------------------------------------------------------
  {
    category: "sex_gender",
    pattern: re(
      String.raw`\b(?<hit>wom[ae]n|females?|ladies|lady|girls?|gals?|feminine|masculine|manly|effeminate|tomboy(?:ish)?|womanly|girly|ladylike|gender|genders)\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },
  {
    category: "sex_gender",
    pattern: re(String.raw`\b(?<hit>males?)\b(?!\s+(?:connectors?|plugs?|headers?|pins?|ends?))${NOT_DATA_TAIL}`),
    attribute: true,
  },
  {
    category: "sex_gender",
    pattern: re(
      String.raw`\b(?:as an?|for an?|like an?|unlike an?|(?:the )?only|typical|real)\s+(?<hit>man|guy|bloke|dude)\b|\b(?<hit2>(?:a )?man's (?:job|world|role)|men in tech|(?:his|her|their) sex)\b`,
    ),
    attribute: true,
  },
  {
    category: "sex_gender",
    pattern: re(
      String.raw`\b(?<hit>transgender|transsexual|trans (?:man|woman|men|women|person|people|candidate)|gender (?:identity|expression|reassignment|transition|dysphoria)|genderqueer|gender-?fluid|cisgender|cis (?:man|woman)|deadnam(?:e|ed|ing)|(?:preferred|chosen|his|her|their) pronouns|intersex|non-?binary(?!\s+(?:classification|classifiers?|labels?|targets?|outcomes?|variables?|features?|data|tasks?|problems?|search|trees?|encoding|decisions?|splits?|formats?|files?|protocols?)))\b`,
    ),
    attribute: true,
  },
  {
    category: "sex_gender",
    // "transitioned the pipeline to Spark", "transitioned from research" stay clean
    pattern: re(
      String.raw`${SUBJECT}\s+(?:has\s+|have\s+|is\s+|was\s+|'s\s+)?(?<hit>transition(?:ed|ing))\b(?!\s+(?:to|from|the|our|their|his|her|its|off|away|into|onto|between|teams?|roles?|careers?|jobs?|it|them|everything|\w+ing)\b)`,
    ),
  },

  // ---- sexual orientation ---------------------------------------------------------------------------
  {
    category: "sexual_orientation",
    pattern: re(
      String.raw`\b(?<hit>gay|lesbians?|bisexual|homosexual|heterosexual|queer|lgbt(?:q(?:ia)?)?\+?|asexual|pansexual|sexual orientation|sexuality|same-sex|straight (?:man|woman|guy|girl|men|women))\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },

  // ---- marriage, civil partnership, relationship status ------------------------------------------------
  {
    category: "marital_status",
    pattern: re(
      String.raw`\b(?<hit>husbands?|wi(?:fe|ves)|spouses?|spousal|fianc[ée]e?s?|boyfriends?|girlfriends?|divorc(?:e|ed|ee|ees|ing)|widow(?:ed|er|ers|s)?|newlyweds?|honeymoon|wedding|civil partner(?:ship)?s?|marital status|maiden name|marriage|got engaged|engaged to be married)\b(?!\s+(?:of|the|it|them|from)\b)`,
    ),
    attribute: true,
  },
  {
    category: "marital_status",
    // "married the batch and streaming paths", "married to the old framework" stay clean
    pattern: re(
      String.raw`\b(?<hit>married|unmarried|remarried)\b(?!\s+(?:the|two|both|these|those|it|them|batch|streaming|stream|each|data)\b|\s+to\s+(?:(?:the|this|that|one|any|a|an|their|his|her|our|its|single|particular)\s+){0,2}(?:approach|idea|tools?|frameworks?|vendors?|stack|design|solution|technolog\w*|languages?|architecture|pattern|cloud|platform|way|plan|models?|database|librar(?:y|ies)|old|first|current)\b)`,
    ),
  },
  {
    category: "marital_status",
    pattern: re(
      String.raw`\b(?:his|her|their)\s+(?<hit>partner|other half|significant other)\b(?!s?\s+(?:teams?|orgs?|compan(?:y|ies)|integrations?|apis?|engineers?|engineering|squads?|vendors?|banks?|networks?|services?|sites?|accounts?|managers?))|${SUBJECT}${BE}\s+${INTENS}(?<hit2>single)${END}`,
    ),
  },

  // ---- genetic information --------------------------------------------------------------------------
  {
    category: "genetic_information",
    // "genetic algorithm" stays clean
    pattern: re(
      String.raw`\b(?<hit>genetic (?:tests?|testing|conditions?|predispositions?|disorders?|diseases?|risks?|markers?|screening|information|history|makeup)|family (?:medical )?history|hereditary (?:conditions?|diseases?|illness(?:es)?)|runs in (?:his|her|their|the) family|dna tests?|brca\d?|carrier of (?:a|the) gene)\b${NOT_DATA_TAIL}`,
    ),
    attribute: true,
  },

  // ---- appearance and demeanour ---------------------------------------------------------------------
  {
    category: "appearance",
    pattern: re(String.raw`${SUBJECT}${BE}\s+${INTENS}(?<hit>${APPEARANCE_ADJ})${END}`),
  },
  {
    category: "appearance",
    pattern: re(
      String.raw`\b(?<hit>${APPEARANCE_ADJ}|tattooed|pierced|bearded|blonde?|brunette|redhead(?:ed)?)\s+${PEOPLE}\b`,
    ),
  },
  {
    category: "appearance",
    // "TLS handshake", "security posture", "code smell", "first appearance of the bug" stay clean
    pattern: re(
      String.raw`\b(?<hit>dressed|dress code|hoodie|t-shirt|tee shirt|flip(?:-| )flops|suit and tie|lipstick|jewell?e?ry|tattoos?|piercings?|hairstyle|haircut|beard|moustache|mustache|eye contact|body language|fidget(?:ing|ed|y|s)?|body odou?r|looks the part|look the part|looked the part|good looks|well-presented|grooming)\b`,
    ),
  },
  {
    category: "appearance",
    pattern: re(
      String.raw`\b(?:his|her|their|physical|personal|(?:firm|weak|limp|strong|wet) )\s*(?<hit>appearance|outfits?|clothes|clothing|attire|shoes|suit|tie|hair|make-?up|weight|looks|posture|handshake|voice|figure|physique|teeth|nails)\b(?!\s*(?:checks?|endpoints?|metrics?|status))|\b(?:wore|wearing|heavy|no)\s+(?<hit2>make-?up)\b|${SUBJECT}\s+(?<hit3>smell(?:ed|s))\b`,
    ),
    technical: true,
  },

  // ---- culture fit ----------------------------------------------------------------------------------
  {
    category: "culture_fit",
    pattern: re(
      String.raw`\b(?<hit>cultur(?:e|al)(?:-| )fit|culture(?:-| )add|team(?:-| )fit|personality(?:-| )fit|fit (?:in|into)\s+(?:with\s+)?(?:the|our|this)\s+(?:team|culture|company|group|org)|fits? (?:the|our) culture|one of us|people like us|someone like us|beer test|airport test|(?:have|grab|get|share) a (?:beer|pint|drink) with|(?:good|bad|great|weird|off) vibes?|(?:the|a|his|her|their) vibe(?!(?:-| )cod)|vibe check|gut (?:feeling|feel|instinct|says|tells me|check)|didn't click|did not click|(?:good|great|no|natural|instant) chemistry|(?:would|wouldn't|would not|won't|will not)\s+(?:enjoy|like) working with (?:him|her|them)|(?:i|we)\s+(?:really\s+)?(?:liked|loved|disliked|didn't like|did not like)\s+(?:him|her|them)|not (?:my|our) type)\b`,
    ),
  },
  {
    category: "culture_fit",
    // "the model fits in memory" stays clean: only a person fitting in
    pattern: re(
      String.raw`${SUBJECT}\s*(?:'d|would|will|won't|wouldn't|might|may|could|doesn't|does not|didn't|did not|should)?\s*(?<hit>fits? in)\b(?=\s*(?:well|here|nicely|fine|easily|great|perfectly|with us|[.,;!?\n]|$))`,
    ),
  },

  // ---- personality labels without behaviour --------------------------------------------------------------
  {
    category: "personality_label",
    pattern: re(
      String.raw`(?:${SUBJECT}${BE}\s+|\b(?:came|comes|coming) across as\s+)${INTENS}(?<hit>${LABELS})\b(?!\s+(?:for|until|with|on|that|the|it|this|in|of)\b)`,
    ),
  },
  {
    category: "personality_label",
    pattern: re(
      String.raw`\b(?<hit>${LABELS})\s+(?:person|guy|man|woman|gal|lady|personality|character|individual|candidate|dude|chap|bloke|fellow|demeanou?r|attitude|vibe)\b`,
    ),
  },
  {
    category: "personality_label",
    pattern: re(
      String.raw`\b(?<hit>know-it-all|diva|prima donna|lone wolf|people person|good egg|class act|hothead|hot-headed|full of (?:himself|herself|themselves)|(?:big|huge|massive|his|her|their) ego|(?:a|not a|great|good|real|true) team player|executive presence|leadership presence|gravitas|(?:lacks?|lacked|lacking|no|zero) (?:presence|polish|charisma|confidence|energy|passion|drive|spark))\b`,
    ),
  },
  {
    category: "personality_label",
    pattern: re(
      String.raw`(?:${SUBJECT}${BE}\s+|\b(?:came|comes|coming) across as\s+)${INTENS}(?<hit>${GENDER_CODED_LABELS})\b|\b(?<hit2>${GENDER_CODED_LABELS})\s+(?:person|woman|lady|girl|personality|candidate|demeanou?r|attitude)\b`,
    ),
    why: "A personality label without behaviour cannot be checked, and this one is gender-coded (applied far more often to women).",
  },

  // ---- vague verdicts -------------------------------------------------------------------------------
  {
    category: "vague_verdict",
    // a verdict opening its sentence: "Good.", "Strong hire.", "Weak on monitoring", "Very solid overall"
    pattern: re(
      String.raw`^(?:[-*•]\s*)?(?:(?:overall|all in all|honestly|frankly|generally|in general|net|summary|verdict|tl;?dr)\s*[,:-]?\s*)?(?:(?:very|really|pretty|quite|super|fairly|just|not|rather|somewhat|extremely|overall)\s+){0,2}(?<hit>${VERDICTS})(?=[ \t]*(?:[.!?:;,—–-]|$)|\s+(?:overall|all round|all-round|throughout|across the board|hire|no hire|candidate|interview|session|performance|showing|answers?|responses?|technically|communicator|engineer|architect|thinker|leader|on|in|at)\b)`,
    ),
    perSentence: true,
  },
  {
    category: "vague_verdict",
    pattern: re(
      String.raw`\b(?:(?:very|really|pretty|quite|super|fairly|extremely|rather|genuinely|truly)\s+)?(?<hit>${VERDICTS})\s+${VERDICT_NOUNS}\b`,
    ),
  },
  {
    category: "vague_verdict",
    pattern: re(
      String.raw`\b(?:he|she|they|(?:the|this) candidate|candidate|(?:his|her|their|the) (?:answers?|responses?|performance|understanding|knowledge|grasp|design|solution|proposal|approach|plan|architecture|interview|presentation|communication|thinking|depth|reasoning|explanations?)|(?:the )?interview|overall)(?:\s+(?:is|was|are|were|seems?|seemed|looks?|looked|felt|came across as|comes across as|appeared|sounded)|'s|'re)\s+(?:(?:very|really|pretty|quite|super|fairly|extremely|rather|generally|mostly|overall|just|not|so|too|a bit|somewhat)\s+){0,2}(?<hit>${VERDICTS})\b(?!\s+with\b)`,
    ),
  },
  {
    category: "vague_verdict",
    pattern: re(
      String.raw`\b(?<hit>(?:not|isn't|wasn't|aren't|weren't|not quite|never)\s+(?:senior|technical|strategic|experienced|deep|hands-on|lead|architect|staff|principal|sharp|smart|strong|good|mature)(?:(?:-| )level)?\s+enough|(?:senior|technical|strategic|experienced|strong|good) enough|too (?:junior|senior|green|inexperienced|academic|theoretical)|(?:lacks?|lacked|lacking|no|little|zero) (?:depth|seniority|technical depth|breadth|vision|maturity|substance)|out of (?:his|her|their) depth|(?:knows|knew) (?:his|her|their) stuff|knows what (?:he|she|they)(?:'s|'re| is| are) (?:talking about|doing)|knew what (?:he|she|they) (?:was|were) (?:talking about|doing)|(?:not )?(?:a )?lead material|no-brainer|nailed it|crushed it|bombed|fell flat|(?:very |really |not |wasn't |was |were |weren't )?(?:impressed|unimpressed)|rock ?stars?|superstars?|10x(?: engineer)?|a-player|top talent|strong hire|(?:lean|leaning) (?:no )?hire|no hire|definite(?:ly)? (?:a )?(?:hire|no)|hire (?:him|her|them)|(?:would|wouldn't|would not|will|won't) hire|thumbs (?:up|down)|not convinced)\b`,
    ),
  },
];

export const ENGLISH_LEXICON: EvidenceLexicon = {
  language: "en",
  rules,
  text: {
    kindLabels: {
      protected: "Protected characteristic",
      non_job_related: "Not job-related",
      vague: "No observed behaviour",
    },
    categoryLabels: {
      age: "Age",
      family_status: "Family status or caring responsibilities",
      pregnancy_maternity: "Pregnancy or maternity",
      religion_belief: "Religion or belief",
      race_ethnicity: "Race, ethnicity or colour",
      national_origin: "National origin or citizenship",
      accent_language: "Accent or first language",
      disability_health: "Disability or health",
      sex_gender: "Sex, gender or gender reassignment",
      sexual_orientation: "Sexual orientation",
      marital_status: "Marriage, civil partnership or relationship",
      genetic_information: "Genetic information",
      appearance: "Appearance or demeanour",
      culture_fit: "“Culture fit”",
      personality_label: "Personality label",
      vague_verdict: "Vague verdict",
    },
    why: {
      age: "Age is protected (Equality Act 2010 at any age; US ADEA from 40) and says nothing about the work.",
      family_status:
        "Family and caring responsibilities are not job-related and stand in for sex and pregnancy (EEOC caregiver guidance).",
      pregnancy_maternity:
        "Pregnancy and maternity are protected (Equality Act 2010; Title VII as amended by the PDA).",
      religion_belief:
        "Religion or belief is protected (Title VII; Equality Act 2010); dress and observance stand in for it.",
      race_ethnicity:
        "Race, colour and ethnicity are protected (Title VII; Equality Act 2010); skin and hair stand in for them.",
      national_origin:
        "National origin and nationality are protected (Title VII; Equality Act 2010); citizenship and visas are the recruiter's check, not evidence.",
      accent_language:
        "Accent and first language stand in for national origin and race; they count only where the candidate could not be understood.",
      disability_health:
        "Disability and health are protected (ADA; Equality Act 2010) and are not the panel's to assess.",
      sex_gender: "Sex, gender identity and gender reassignment are protected (Title VII; Equality Act 2010).",
      sexual_orientation: "Sexual orientation is protected (Title VII; Equality Act 2010).",
      marital_status:
        "Marriage and civil partnership are protected (Equality Act 2010); relationship status is not job-related.",
      genetic_information: "Genetic information, including family medical history, is protected (GINA).",
      appearance: "Appearance and demeanour are not on the rubric and invite bias against protected groups.",
      culture_fit: "“Culture fit” is not a rubric dimension; it rewards similarity to the panel.",
      personality_label: "A personality label without the behaviour behind it cannot be checked or calibrated.",
      vague_verdict: "A verdict without observed behaviour cannot be checked against the rubric's anchors.",
    },
    suggestion: {
      age: "Remove it and describe what the candidate said or did.",
      family_status: "Remove it and describe what the candidate said or did.",
      pregnancy_maternity: "Remove it and describe what the candidate said or did.",
      religion_belief: "Remove it and describe what the candidate said or did.",
      race_ethnicity: "Remove it and describe what the candidate said or did.",
      national_origin: "Remove it and describe what the candidate said or did.",
      accent_language: "Describe what was not understood and what the candidate did about it, not how they sound.",
      disability_health: "Remove it and describe what the candidate said or did.",
      sex_gender: "Remove it and describe what the candidate said or did.",
      sexual_orientation: "Remove it and describe what the candidate said or did.",
      marital_status: "Remove it and describe what the candidate said or did.",
      genetic_information: "Remove it and describe what the candidate said or did.",
      appearance: "Remove it and describe what the candidate said or did that bears on a dimension.",
      culture_fit: "Name the dimension and what the candidate said or did, e.g. “asked who owns the model on call”.",
      personality_label:
        "Describe the behaviour instead of the label, e.g. “interrupted twice while the drill was explained”.",
      vague_verdict:
        "Add what the candidate said or did, e.g. “weak: could not explain how they would roll back the model”.",
    },
  },
  dataContext: re(
    String.raw`\b(?:bias(?:es|ed)?|debias\w*|fairness|unfair(?:ness)?|parity|disparit(?:y|ies)|disparate|demographics?|subgroups?|sub-groups?|slic(?:e|es|ed|ing)|segment(?:s|ed|ation)?|stratif\w*|cohorts?|protected (?:attributes?|characteristics?|class(?:es)?|groups?)|sensitive (?:attributes?|features?|data)|proxy (?:variables?|features?)|equali[sz]ed odds|equal opportunity|datasets?|data ?sets?|training data|features?|columns?|labels?|labell?ing|error rates?|false (?:positive|negative)s?|accuracy|recall|precision|auc|metrics?|underrepresent\w*|over-?represent\w*|representation|oversampl\w*|undersampl\w*|reweigh\w*|rebalanc\w*|distributions?|population|users|customers|patients|speakers|applicants|respondents|census|anonymi[sz]\w*|pseudonymi[sz]\w*|pii|gdpr|special category)\b`,
  ),
  techContext: re(
    String.raw`\b(?:nodes?|spans?|process(?:es)?|threads?|tasks?|jobs?|dags?|trees?|graphs?|class(?:es)?|objects?|elements?|components?|pods?|containers?|workers?|runs?|pipelines?|schemas?|tables?|rows?|operators?|branch(?:es)?|commits?|directories|folders?|files?|keys?|records?|services?|clusters?|replicas?|shards?|partitions?|charts?|plots?|legends?|series|dashboards?|endpoints?|python|java|scala|c\+\+|rust|golang|javascript|typescript|sql|programming|coding|code)\b`,
  ),
  behaviour: re(
    String.raw`\b(?:said|says|saying|stated|claimed|explain(?:s|ed|ing)|describ(?:es|ed|ing)|propos(?:es|ed|ing)|suggest(?:s|ed|ing)|designed|designs|sketch(?:es|ed)|drew|draws|wrote|writes|chose|chooses|picked|picks|compar(?:es|ed|ing)|weigh(?:s|ed)|estimat(?:es|ed|ing)|calculat(?:es|ed)|quantif(?:ies|ied)|measur(?:es|ed)|identif(?:ies|ied)|spotted|spots|caught|notic(?:es|ed)|named|listed|ask(?:s|ed|ing)|answered|mention(?:s|ed|ing)|cit(?:es|ed)|point(?:s|ed) out|argu(?:es|ed)|justif(?:ies|ied)|recommend(?:s|ed)|rolled back|trac(?:es|ed)|debugg(?:ed|ing)|instrumented|planned|prioriti[sz](?:es|ed)|partitioned|skipped|skips|missed|misses|forgot|forgets|assum(?:es|ed)|defin(?:es|ed)|broke (?:it |this |that )?down|budgeted|push(?:es|ed) back|challeng(?:es|ed)|conced(?:es|ed)|revis(?:es|ed)|corrected|admitted|admits|clarif(?:ies|ied)|summari[sz](?:es|ed)|built|builds|derived|derives|worked out|works out|used(?!\s+to\b)|uses|introduc(?:es|ed)|reject(?:s|ed)|ignor(?:es|ed)|interrupt(?:s|ed)|dismiss(?:es|ed)|refus(?:es|ed)|insist(?:s|ed)|volunteer(?:s|ed)|credit(?:s|ed)|blam(?:es|ed)|recover(?:s|ed)|walk(?:s|ed) (?:us |me |the panel )?through|jump(?:s|ed) (?:straight )?to|went straight to|start(?:s|ed) (?:with|by)|open(?:s|ed) with|beg(?:an|ins) (?:with|by)|led with|set up|gave (?:an?|two|three|\d+|concrete|specific) (?:examples?|numbers?|estimates?|figures?)|could not|couldn't|cannot|can't|did not|didn't|does not|doesn't|was unable|were unable|unable to|failed to|never|without (?:asking|mentioning|considering|checking)|for example|for instance|when asked)\b|\be\.g\.|"[^"\n]{3,}"`,
  ),
  abbreviations: new Set([
    "e.g",
    "i.e",
    "etc",
    "vs",
    "v",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "approx",
    "incl",
    "cf",
    "no",
    "nos",
    "fig",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "dept",
    "est",
    "a.m",
    "p.m",
  ]),
};
