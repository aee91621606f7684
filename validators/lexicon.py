"""The words the rules look for, grouped by what they mean.

Data only. Each entry is a plain phrase as a manager would type it; `wording`
lower-cases, tokenises and stems every phrase the same way it reads a KPI, so
"meetings attended", "attending a meeting" and "attendance at meetings" all
meet the same entries. A phrase may sit in several groups. To teach the rules a
new word, add it to the right group, separated by "|".
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ABBREVIATIONS",
    "BOOLEAN_UNITS",
    "EXTERNAL_PHRASES",
    "EXTERNAL_WORDS",
    "FUNCTION_WORDS",
    "GROUP_WORDS",
    "IMPLIES",
    "INHERITED",
    "words",
    "LEXICON",
    "OUTCOMES",
    "PLACEHOLDERS",
    "Kind",
    "Outcome",
]


def _w(text: str) -> tuple[str, ...]:
    """Split a "|"-separated list of phrases."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


def words(text: str) -> frozenset[str]:
    """Split a space-separated list of single words."""
    return frozenset(text.split())


class Kind(StrEnum):
    """What a word or phrase says about the thing a KPI counts."""

    ACT_VERB = "act_verb"  # doing something: completed, held, sent, updated
    TOUCH_VERB = "touch_verb"  # handling without a result: touched, handled
    EFFORT_VERB = "effort_verb"  # putting in time: worked, logged, spent
    EFFORT_UNIT = "effort_unit"  # what effort is counted in: hours, minutes
    PARTICIPATION = "participation"  # being there: attended, participated
    BUSY_ARTEFACT = "busy_artefact"  # internal by nature: checklist, commits, LOC
    PAPERWORK = "paperwork"  # internal unless a result is measured: report, SOP
    MEETING = "meeting"  # internal unless a customer is in the room
    ACTIVITY = "activity"  # outreach volume, a leading indicator: calls, emails, posts
    EXTERNAL_PARTY = "external_party"  # someone outside: customer, client, regulator
    FACING = "facing"  # makes a meeting customer-facing: discovery, demo, intro
    DELIVERABLE = "deliverable"  # goes to someone outside: statement, invoice, order
    RATE = "rate"  # a ratio, so effectiveness rather than volume
    RESULT_VERB = "result_verb"  # an outcome happened: resolved, won, converted
    SPEED = "speed"  # elapsed time of a process: cycle time, response time
    TIMELY = "timely"  # timeliness of a deliverable: on time, within SLA
    CALENDAR = "calendar"  # a date reference: business day 5, Friday
    DEFECT = "defect"  # a quality failure: errors, defects, reopens
    QUALITY = "quality"  # a quality measure: CSAT, accuracy, first-contact resolution
    VOLUME = "volume"  # a count of output: number of, #, volume
    VANITY = "vanity"  # cumulative or vanity wording: total, followers, page views
    VAGUE_VERB = "vague_verb"  # improve, ensure, support
    MEASURE = "measure"  # says what number is computed: rate, average, days, $
    LOWER = "lower"  # better when lower
    HIGHER = "higher"  # better when higher
    SCOPE_WIDE = "scope_wide"  # company-wide, across all teams
    SCOPE_TOTAL = "scope_total"  # total, overall, net, company
    COMPANY_RESULT = "company_result"  # revenue, profit, NPS: company level with a scope
    COMPANY_ONLY = "company_only"  # EBITDA, market share: company level by nature
    PERSONAL = "personal"  # my, own, assigned: narrows a result to the owner
    DRIVER = "driver"  # names the controllable part of a shared result
    UNAUDITABLE = "unauditable"  # a data source nobody else can check
    PRESENCE = "presence"  # being somewhere: on site, on the phone, in the field
    RESULT_NOUN = "result_noun"  # a count of it is a gain: revenue, donors, hires, renewals
    ORG_UNIT = "org_unit"  # a unit above one person: store, branch, clinic, site
    PERIOD = "period"  # "per <period>" is a count per period, not a rate
    RATING = "rating"  # a judgement by someone else, on a scale: rating, score, stars


class Outcome(StrEnum):
    """The named business results a KPI may drive."""

    CASH = "cash"
    REVENUE = "revenue"
    MARGIN = "margin"
    COST = "cost"
    RETENTION = "retention/satisfaction"
    CYCLE_TIME = "cycle time"
    QUALITY = "quality"
    RISK = "risk/compliance"
    SAFETY = "safety"
    HEALTH = "patient outcomes"
    LEARNING = "learning outcomes"
    PEOPLE = "employee retention/engagement"
    SERVICE = "service level"
    MISSION = "mission impact"


# A phrase in the first group also belongs to the groups it implies.
# A multi-word phrase also inherits these kinds from its words ("win rate" is a rate);
# other kinds it masks on purpose ("cycle time" is not time put in).
INHERITED: frozenset[Kind] = frozenset({Kind.RATE, Kind.MEASURE, Kind.VOLUME, Kind.RATING})
IMPLIES: dict[Kind, tuple[Kind, ...]] = {
    Kind.RATE: (Kind.MEASURE,),
    Kind.SPEED: (Kind.MEASURE, Kind.LOWER),
    Kind.QUALITY: (Kind.HIGHER,),
    Kind.DEFECT: (Kind.LOWER,),
    Kind.TIMELY: (Kind.HIGHER,),
    Kind.VOLUME: (Kind.MEASURE,),
    Kind.COMPANY_ONLY: (Kind.MEASURE,),
    Kind.RATING: (Kind.MEASURE,),
}

LEXICON: dict[Kind, tuple[str, ...]] = {
    Kind.ACT_VERB: _w(
        "complete|completion|finish|submit|submission|fill|fill out|fill in|update|hold|held|"
        "make|made|send|sent|post|publish|write|written|wrote|do|done|did|push|merge|create|"
        "schedule|run|ran|host|conduct|perform|place|review|join|read|tick|check off|launch|"
        "produce|book|set up|deliver|give|given|take|taken|go to|went|prepare|draft|author|issue|"
        "print|upload|restock|groom|refine|draw|drawn|carry out|carried out|undertake|built|"
        "put|kept|led|taught|redesign|revise|organise|organize|attend to|cover"
    ),
    Kind.TOUCH_VERB: _w("touch|handle|work on|look at|pick up"),
    Kind.EFFORT_VERB: _w("work|log|spend|spent|track|clock|online|login|log in|overtime"),
    Kind.EFFORT_UNIT: _w("hour|minute|time|shift|online|login|overtime|effort|day|night|weekend"),
    Kind.PRESENCE: _w(
        "on site|onsite|on the road|on call|in the field|on the floor|shop floor|on the phone|"
        "at the bedside|in the office|at my desk|in office|face time|facetime|on shift|office|"
        "workplace|desk"
    ),
    Kind.RESULT_NOUN: _w(
        "revenue|sale|pipeline|sql|mql|deal|donation|gift|fund|income|profit|margin|$|£|€|"
        "saving|cash|renewal|hire|new hire|placement|enrolment|enrollment|arr|mrr|"
        "subscription|signup|sign up|upsell|order intake|membership|outcome|goal met|gain|uplift|"
        "opportunity|new logo|logo|funds raised"
    ),
    Kind.ORG_UNIT: _w(
        "store|branch|site|clinic|hotel|property|ward|school|location|restaurant|region|team|"
        "department|office|warehouse|shop|outlet|practice|campus|facility|depot|building|"
        "trust|network|chain|district|council|charity|group|company|business|organisation|"
        "organization|org|firm|division|hospital|kitchen|plant|country|care home|home"
    ),
    Kind.RATING: _w("score|feedback|star|stars|satisfaction|csat|nps|enps|survey|review score|ces"),
    Kind.PERIOD: _w(
        "day|week|month|quarter|year|sprint|shift|period|annum|weekday|fortnight|term|"
        "semester|weekly|monthly|daily|cycle"
    ),
    Kind.PARTICIPATION: _w(
        "attend|attendance|participate|participation|present at|show up|being in|being at|"
        "being on|be in|be at"
    ),
    Kind.BUSY_ARTEFACT: _w(
        "checklist|check list|timesheet|time sheet|time card|timecard|time entry|to do|todo|"
        "to dos|task|action item|loc|sloc|line of code|code line|commit|story point|"
        "pull request|pr|"
        "merge request|training|course|e learning|elearning|busywork|busy work"
    ),
    Kind.PAPERWORK: _w(
        "report|form|tracker|log|sop|procedure|document|documentation|doc|note|spreadsheet|"
        "status update|slide|deck|test|file|wiki|page|template|record|entry|crm update"
    ),
    Kind.MEETING: _w(
        "meeting|standup|stand up|huddle|1:1|one on one|sync|all hands|scrum|retro|"
        "retrospective|session|workshop|catch up|check in|lunch and learn|briefing|brief|team talk"
    ),
    Kind.ACTIVITY: _w(
        "call|dial|email|e mail|message|post|tweet|blog|article|newsletter|outreach|follow up|demo|"
        "webinar|campaign|proposal|linkedin|inmail|cold call|connection request|video|"
        "content|voicemail|touchpoint|touch point|visit|sequence|reminder|dunning|letter|"
        "contact attempt|social media|story|reel|interview|home visit|inmail|chase|phone call|"
        "walk|talk|toolbox talk|advert|ad|job ad|flyer|mailer|leaflet|instagram|tiktok|facebook"
    ),
    Kind.EXTERNAL_PARTY: _w(
        "customer|client|prospect|buyer|patient|regulator|regulatory|tax|board|investor|"
        "account|debtor|partner|user|shopper|guest|lead|student|pupil|parent|tenant|resident|"
        "donor|candidate|claimant|family|household|learner|member|citizen|diner|"
        "hire|gp|supporter|beneficiary|service user"
    ),
    Kind.FACING: _w("discovery|sales|demo|intro|introductory|first|qualified|pitch|onsite"),
    Kind.DELIVERABLE: _w(
        "statement|invoice|order|shipment|delivery|payment|ticket|case|request|refund|claim|"
        "reconciliation|close|release|deploy|deployment|bill|purchase order|work order|quote|"
        "return|remittance|credit note|journal entry|change|fix|hotfix|bug fix|filing|"
        "inquiry|enquiry|query|chat|complaint|escalation|issue|feature|build|shipment|"
        "month end|payroll|accrual|contract|renewal|onboarding|lead|sql|mql|opportunity"
    ),
    Kind.RATE: _w(
        "rate|ratio|%|percent|percentage|share of|proportion|conversion|yield|effectiveness|"
        "index|attainment|coverage|per cent|frequency|fraction|wallet share|deployment frequency|"
        "deploy frequency|win rate|quota attainment|pipeline coverage|occupancy|adoption|"
        "activation|uptake|per 100|per 1000|per thousand|per cent|revpar|revpash|adr|arpu"
    ),
    Kind.RESULT_VERB: _w(
        "resolve|resolution|won|win|convert|renew|renewal|retain|retention|recover|recovery|"
        "restore|collected|collect|paid|sourced|closed won|accepted|approved|signed|"
        "fixed|solved|booked revenue|saved|avoided|recruited|hired|placed|housed|"
        "let|re let|sold|enrolled|adopted|activated|reactivated|re activated|won back|retained|"
        "cleared|reconciled|matched|prevented|passed|advanced|progressed|created pipeline"
    ),
    Kind.SPEED: _w(
        "cycle time|lead time|response time|resolution time|turnaround|turnaround time|"
        "time to|handle time|handling time|latency|days to|hours to|aging|ageing|"
        "first response|close time|mttr|mean time to|sales cycle|wait time|queue time|"
        "processing time|throughput time|elapsed|age|speed|days open|days outstanding|"
        "lead time for change|sales cycle length|month end close|close days|days to close|"
        "length of stay|wait|waiting time|waiting|time to fill|time to hire|door to|"
        "turn time|table turn|dwell time|time on market|time to first|make ready|turnaround days"
    ),
    Kind.TIMELY: _w(
        "on time|within|sla|in full|otif|same day|before|deadline|due date|on schedule|"
        "within terms|punctual|timeliness|by due|next day|no later than|under|less than|"
        "faster than|or less|or faster|first time|same week"
    ),
    Kind.CALENDAR: _w(
        "business day|working day|work day|workday|business hour|working hour|office hour|"
        "calendar day|bd|eod|eom|eow|month end|end of month|end of week|end of day|monday|"
        "tuesday|wednesday|thursday|friday|cut off|cutoff|period end|day|week|month|"
        "quarter|year"
    ),
    Kind.DEFECT: _w(
        "error|defect|bug|failure|fail|incident|rework|revert|rollback|roll back|complaint|"
        "reopen|re open|escalation|mistake|discrepancy|outage|downtime|scrap|churn|late|"
        "overdue|past due|breach|miss|missed|adjustment|write off|bad debt|dispute|"
        "exception|backlog|cancellation|unexplained|variance|stockout|stock out|chargeback|"
        "unresolved|sev1|p1|delinquent|unpaid|abandon|abandonment|wrong|duplicate|rejected|"
        "reject|loss|lost|damage|damaged|shortage|waste|leak|vulnerability|crash|regression|"
        "change failure rate|failed deploy|failed change|injury|injuries|fall|no show|"
        "did not attend|readmission|readmit|arrears|void|ulcer|infection|attrition|leaver|"
        "absence|sickness|click rate|lost time|hazard|spill|spoilage|shrink|"
        "shrinkage|turnover|vacancy|vacancies|delay|delayed|complaint|trir|ltir|ltifr|"
        "sent back|send back|remake|remade|redo|redone|refund"
    ),
    Kind.QUALITY: _w(
        "csat|nps|satisfaction|accuracy|accurate|quality|first contact resolution|"
        "first call resolution|fcr|first time right|right first time|uptime|availability|"
        "reliability|otif|ces|customer effort|review score|star rating|defect free|"
        "error free|first pass yield|oee|compliance|cei|collection effectiveness|"
        "correct|net promoter|success rate|pass rate|adherence|test coverage|effectiveness|"
        "customer satisfaction|sla adherence|sla compliance|star|stars|first time fix|"
        "fixed first time|difot|ifot|cleanliness|hygiene|pass|inspection pass|enps|"
        "engagement score|"
        "experience score|feedback score|on track|at or above|expected level|grade level|"
        "progress|attainment|achievement|accept|acceptance|first visit|on first visit|first attempt"
    ),
    Kind.VOLUME: _w("number of|#|no of|count|volume|quantity|how many|amount of|total number"),
    Kind.VANITY: _w(
        "total|all time|cumulative|lifetime|to date|ytd|follower|like|impression|page view|"
        "pageview|view|fan|subscriber|hit|reach|engagement|registrant|attendee|open rate|"
        "visitor|traffic|download"
    ),
    Kind.VAGUE_VERB: _w(
        "improve|improvement|enhance|ensure|support|help|maintain|manage|assist|strive|"
        "optimise|optimize|drive|boost|grow|focus on|work towards|promote|foster|streamline|"
        "facilitate|coordinate|oversee|be responsible|try|aim|better|keep|increase|reduce|"
        "minimise|minimize|maximise|maximize|monitor|champion|happy|happier|delight|wow|"
        "excellent|great|outstanding|high quality|world class|easier|safely|smoothly|properly"
    ),
    Kind.MEASURE: _w(
        "average|mean|median|score|hour|minute|day|$|amount|value|cost per|frequency|dso|dpo|"
        "days sales outstanding|cac|cpl|cost per lead|mql|sql|arr|mrr|ltv|margin|revenue|"
        "pipeline|spend|cost|level|size|net|gross|deal|unit|utilisation|utilization|"
        "capacity|oee|velocity|forecast|dollar|usd|eur|gbp|€|£|p95|p90|percentile|"
        "count|number|ratio|multiple|coverage|total|sum|balance|dollars|cash|lead|order|"
        "ticket|invoice|statement|deploy|deployment|win|quota|profit|days|week|"
        "month|csat|nps|otif|fcr|cei|sla|ces|ebitda|score|revpar|adr|trir|ltir|enps|"
        "point|grade|age|spend|rate"
    ),
    Kind.LOWER: _w(
        "dso|days sales outstanding|dpo|cost per|cac|cpl|cost per lead|cost per unit|"
        "cost per order|cost|expense|spend|price|headcount cost"
    ),
    Kind.HIGHER: _w(
        "collected|collection|win rate|conversion|quota attainment|coverage|retention|"
        "uptime|deployment frequency|deploy frequency|pipeline|revenue|margin|mql|"
        "sql|renewal|cei|collection effectiveness|csat|nps|fcr|first contact resolution|"
        "satisfaction|accuracy|attainment|success rate|adherence|resolved|occupancy|adoption|"
        "activation|pass|first time fix|acceptance|engagement score"
    ),
    Kind.SCOPE_WIDE: _w(
        "company wide|companywide|org wide|organisation wide|organization wide|"
        "across the company|across the organisation|across the organization|across all|"
        "all teams|whole company|entire company|entire org|entire organisation|"
        "entire organization|all department|all services|business wide|group wide|"
        "consolidated|engineering wide|firm wide|all products|every team|wide|group level|"
        "company level|organisation level|organization level|org level|business level|"
        "network level|trust level|district level|chain level|enterprise level"
    ),
    Kind.SCOPE_TOTAL: _w(
        "total|overall|net|company|organisation|organization|org|corporate|firm|global|group|"
        "business|enterprise|whole|entire|district|council|chain|charity|trust|academy trust"
    ),
    Kind.COMPANY_RESULT: _w(
        "revenue|profit|sales|income|nps|net promoter|margin|earnings|headcount|growth|"
        "turnover|deployment frequency|change failure rate|lead time for change|mttr|dora|"
        "customer satisfaction|csat|churn|retention|arr|mrr|cash flow|cash|fund|funds raised|"
        "donation|occupancy|attrition|graduation|pass rate|exam|injury rate|infection rate|"
        "readmission|food cost|utilisation|utilization|like for like|footfall|uptime|"
        "patient satisfaction|resident satisfaction|guest satisfaction|employee engagement|"
        "enps|staff turnover|headcount growth|mortality|exam result"
    ),
    Kind.COMPANY_ONLY: _w(
        "ebitda|ebit|market share|share price|stock price|valuation|net profit|net income|"
        "bottom line|earnings per share|eps|operating profit|enterprise value|profit and loss|"
        "p&l|operating income|gross profit|net revenue"
    ),
    Kind.PERSONAL: _w(
        "my|own|owned|personal|individual|assigned|territory|portfolio|book of business|"
        "closed by|sourced by|attributed|attributable|quota|owner|per rep|i|me|mine|"
        "named account"
    ),
    Kind.DRIVER: _w(
        "driver|driven by|my part|my share|controllable|owned|own|assigned|attributable|"
        "attributed|my account|portion|proxy|my step|my queue|i control|within my control|"
        "my|i|me|their part|his part|her part|contribution|piece"
    ),
    Kind.UNAUDITABLE: _w(
        "estimate|guess|gut|gut feel|self reported|self report|self assessment|memory|"
        "feeling|opinion|my notes|rough|vibes|word of mouth|head|recollection|sense|hunch"
    ),
}

# Raw tokens rewritten before stemming (abbreviations and shorthand).
ABBREVIATIONS: dict[str, str] = {
    "mtgs": "meeting",
    "mtg": "meeting",
    "hrs": "hour",
    "hr": "hour",
    "h": "hour",
    "mins": "minute",
    "min": "minute",
    "prs": "pr",
    "mrs": "merge request",
    "locs": "loc",
    "tix": "ticket",
    "tkts": "ticket",
    "cust": "customer",
    "custs": "customer",
    "todos": "todo",
    "mails": "email",
    "pts": "point",
    "pct": "percent",
    "qty": "quantity",
    "avg": "average",
    "wk": "week",
    "wks": "week",
    "1on1": "1:1",
    "1x1": "1:1",
    "standups": "standup",
    "ar": "receivable",
    "ap": "payable",
    # "participants" would stem like "participate": they are the people served.
    "participant": "beneficiary",
    "participants": "beneficiary",
    # "activity" would stem like "activation": as a KPI name it means activity volume.
    "activity": "outreach",
    "activities": "outreach",
    "sqls": "sql",
    "mqls": "mql",
    "prds": "prd",
    "kpis": "kpi",
    "los": "length of stay",
    "ttf": "time to fill",
    "tth": "time to hire",
    "ftfr": "first time fix rate",
    "ltis": "lost time injury",
    "lti": "lost time injury",
    "wd": "working day",
    "wds": "working day",
    "acc": "accuracy",
    "insp": "inspection",
    "kb": "knowledge base",
    "cpd": "training",
    "pd": "training",
    "mgr": "manager",
    "appts": "appointment",
    "appt": "appointment",
    "<": "under",
    "≤": "under",
    ">": "over",
    "≥": "over",
    "/": "per",
}

# Business result wording → the outcome it names, matched on whole words (plurals
# folded, nothing stemmed), so list the verb forms a result is written in.
OUTCOMES: dict[Outcome, tuple[str, ...]] = {
    Outcome.CASH: _w(
        "cash|cash flow|collection|receivable|dso|payment|working capital|liquidity|"
        "bad debt|write off|days sales outstanding|billing|cash conversion|payable|credit|"
        "invoice|collect|collected|collecting|overdue"
    ),
    Outcome.REVENUE: _w(
        "revenue|sales|booking|pipeline|quota|deal|arr|mrr|growth|upsell|cross sell|"
        "expansion|win|new business|lead|demand|acquisition|conversion|income|top line|"
        "market share|order intake|opportunity|customer acquisition|sql|mql|bookings|"
        "occupancy|revpar|average spend|fund|funds raised|fundraising|donation|giving|"
        "recurring income|grant|sponsorship|sold|average check|upsell rate|void loss|"
        "vacancy loss|footfall|basket size|average transaction value"
    ),
    Outcome.MARGIN: _w(
        "margin|profit|profitability|gross margin|contribution|pricing|discount|ebitda|"
        "net income|unit economics"
    ),
    Outcome.COST: _w(
        "cost|expense|spend|budget|saving|efficiency|productivity|waste|overhead|cac|"
        "cost per|utilisation|utilization|capacity|inventory|cost to serve|opex|cpl|"
        "labour|labor|food cost|hiring cost|cost per hire|wage|overtime cost|billable|energy|"
        "value for money|shrink|shrinkage|stock loss"
    ),
    Outcome.RETENTION: _w(
        "retention|satisfaction|csat|nps|churn|loyalty|renewal|customer experience|cx|"
        "customer happiness|repeat|customer success|customer trust|referral|"
        "net promoter|retain|customer satisfaction|user experience|guest satisfaction|"
        "tenant satisfaction|parent satisfaction|donor satisfaction|patient experience|"
        "guest experience|adoption|activation|engagement|tenant retention|donor retention|"
        "repeat visit|online review|guest review|customer review|star rating|retained|retaining|"
        "renewed|renewing"
    ),
    Outcome.CYCLE_TIME: _w(
        "cycle time|speed|lead time|turnaround|throughput|delivery|on time|time to market|"
        "responsiveness|response time|faster close|month end close|close|time to value|"
        "velocity|flow|otif|fulfilment|fulfillment|timeliness|agility|deployment|deploy|"
        "resolution time|time to restore|wait time|waiting time|time to fill|same day|"
        "time to hire|turnaround time|processing time"
    ),
    Outcome.QUALITY: _w(
        "quality|defect|error|accuracy|rework|reliability|uptime|availability|stability|"
        "first time right|scrap|return|incident|accurate|resilience|service level|sla|"
        "data quality|correctness|first contact resolution|fcr|first time fix|uptime|"
        "order accuracy|service quality|quality of hire|cleanliness|hygiene|standard|"
        "asset condition|condition"
    ),
    Outcome.RISK: _w(
        "risk|compliance|audit|regulatory|fraud|control|legal|governance|"
        "exposure|tax|privacy|continuity|security|cyber|data protection|infection control|"
        "safeguarding|audit finding|carbon|emission|sustainability|environmental|"
        "environmental impact"
    ),
}

OUTCOMES.update(
    {
        Outcome.SAFETY: _w(
            "safety|safe|injury|incident|accident|lost time|hazard|food safety|"
            "patient safety|health and safety|ehs|near miss|harm"
        ),
        Outcome.HEALTH: _w(
            "patient|patient outcome|health|clinical|care|readmission|infection|mortality|"
            "recovery|access to care|length of stay|wellbeing|well being|outcome for patient|"
            "medication|treatment|diagnosis"
        ),
        Outcome.LEARNING: _w(
            "learning|student|pupil|attainment|achievement|progress|literacy|numeracy|"
            "exam|grade|graduation|attendance|education|reading|learner|student engagement"
        ),
        Outcome.PEOPLE: _w(
            "hiring|hire|recruitment|talent|headcount|attrition|staff turnover|"
            "employee retention|staff retention|employee engagement|staff engagement|morale|"
            "absence|wellbeing|quality of hire|time to fill|offer acceptance|diversity|"
            "inclusion|equity|representation"
        ),
        Outcome.SERVICE: _w(
            "service level|access|waiting|wait time|backlog|case|claim|application|"
            "resident|citizen|public service|decision|service standard|first time fix|"
            "public trust"
        ),
        Outcome.MISSION: _w(
            "mission|social impact|beneficiary|homelessness|housed|family|families|household|"
            "people helped|people served|meals|donor|supporter|fundraising|volunteer|"
            "community|outcome for client|client outcome|prevented|programme outcome|"
            "program outcome|participant outcome|people reached|beneficiaries reached"
        ),
    }
)

# Owner words that mean a group rather than one person.
GROUP_WORDS: frozenset[str] = words(
    "team teams everyone everybody all staff department dept depts group groups squad crew "
    "committee division org organisation organization company firm function leadership "
    "management we us they people reps agents engineers folks board units employees "
    "members whoever anyone teachers nurses chefs cooks cleaners drivers pickers packers "
    "managers officers advisors advisers workers volunteers carers assistants attendants "
    "housekeepers servers waiters technicians recruiters caseworkers fundraisers doctors "
    "clinicians therapists tutors shifts wards"
)
# Owner words that name a function: a group when the owner is made only of them.
FUNCTION_WORDS: frozenset[str] = words(
    "sales finance ops operations marketing support engineering accounting hr it dev "
    "devops product customer service success cs ar ap admin legal procurement logistics "
    "warehouse the and & of kitchen housekeeping reception admissions front desk night day "
    "shift duty ward nursing pharmacy facilities maintenance security bar floor site clinic "
    "school store shop branch office helpdesk fundraising development house manager lead "
    "supervisor head chef nurse teacher on call rota"
)

# Values that mean "nothing filled in yet".
PLACEHOLDERS: frozenset[str] = frozenset(
    {"-", "--", "—", "n/a", "na", "none", "nobody", "no one", "tbd", "tbc", "?", "??"}
    | {"todo", "unknown", "x", "null", "nil", "not sure", "later", "pending", "to be decided"}
    | {"to be confirmed", "n.a.", "...", "…", "nan"}
)

BOOLEAN_UNITS: frozenset[str] = frozenset(
    {"y/n", "yes/no", "yes / no", "boolean", "bool", "true/false", "checkbox", "check"}
    | {"tick", "ticked", "done", "done/not done", "pass/fail", "✓", "✔", "☑", "binary"}
    | {"complete/incomplete", "y", "n", "yes", "no", "true", "false", "completed", "complete"}
    | {"y / n", "pass / fail", "done / not done", "yes or no", "on/off", "met/not met"}
)

# External actors whose moves the owner does not control (matched on raw words,
# because "marketing" stems to "market").
EXTERNAL_WORDS: frozenset[str] = words(
    "market markets economy economic weather seasonal seasonality vendor vendors supplier "
    "suppliers carrier carriers courier couriers competitor competitors macro regulator "
    "regulators"
)
EXTERNAL_PHRASES: tuple[str, ...] = _w(
    "customer pays|customers pay|client pays|clients pay|depends on|dependent on|third party|"
    "third-party|outside our control|exchange rate|interest rate|when the customer|"
    "if the customer|beyond our control"
)
