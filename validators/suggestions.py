"""The suggestion library: result KPIs for roles beyond the shipped templates.

Data only. Each role lists the words people use for it, the meeting that
reviews its numbers, and a few KPIs that measure results, each with where its
number comes from and a short note on where the measure is defined or used
(the style of the KPI research notes). Each target is a starting point a team
new to the measure can provision with; reset it from the first periods' baseline.

To add a role, append a `_role(...)`: its id, title, sector, review meeting,
the words that name it ("|"-separated; matched against the role a manager
typed, lower-cased and singular: "ward nurses" → "ward nurse") and a KPI
table, one KPI per block:

    Name | unit | better when | business result | target
      what: how a stranger would compute it
      from: where the number comes from
      note: where the measure is defined or used

A test checks that every KPI here drives a result and is within one person's
control.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "LIBRARY",
    "SECTOR_COMPANY_RESULTS",
    "SECTOR_WORDS",
    "LibraryKpi",
    "LibraryRole",
    "Sector",
]


class Sector(StrEnum):
    """The field a role works in; a role nobody recognises is judged by its sector."""

    HEALTH = "health care"
    EDUCATION = "education"
    HOSPITALITY = "hospitality"
    LOGISTICS = "warehouse and logistics"
    PROPERTY = "property"
    PEOPLE = "people and HR"
    IT = "IT"
    PRODUCT = "product"
    NONPROFIT = "non-profit"
    PUBLIC = "public sector"
    SAFETY = "health and safety"
    RETAIL = "retail"
    FIELD = "field service"
    FINANCE = "finance"
    LEGAL = "legal"


@dataclass(frozen=True, slots=True)
class LibraryKpi:
    """One suggested KPI: what to count, where the number comes from, and its source note."""

    name: str
    definition: str
    unit: str
    direction: str
    result: str
    source: str
    note: str
    target: str


@dataclass(frozen=True, slots=True)
class LibraryRole:
    """A role with the words that name it and the result KPIs that fit it."""

    key: str
    title: str
    sector: Sector
    words: tuple[str, ...]
    forum: str
    kpis: tuple[LibraryKpi, ...]


def _split(text: str) -> tuple[str, ...]:
    """Split a "|"-separated list of phrases."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


# Broad words that place a role in a sector when no role in the library matches.
SECTOR_WORDS: dict[Sector, tuple[str, ...]] = {
    Sector.HEALTH: _split(
        "clinic|clinical|hospital|patient|care|health|medical|dental|doctor|physician|gp|"
        "surgery|therapist|physio|paramedic|radiographer|ward|nhs|healthcare|care home|"
        "care worker|carer|care assistant|home care|clinical lab|pathology"
    ),
    Sector.EDUCATION: _split(
        "school|teacher|teaching|tutor|education|classroom|lecturer|college|university|"
        "academy|curriculum|sen|pupil|student"
    ),
    Sector.HOSPITALITY: _split(
        "hotel|restaurant|kitchen|bar|cafe|catering|hospitality|guest|food|front of house|"
        "banquet|event"
    ),
    Sector.LOGISTICS: _split(
        "warehouse|logistics|distribution|fulfilment|fulfillment|inventory|stock|shipping|"
        "supply chain|depot|fleet"
    ),
    Sector.PROPERTY: _split(
        "property|estate|letting|leasing|tenancy|housing|building|facilities|landlord|block"
    ),
    Sector.PEOPLE: _split(
        "hr|human resources|people|talent|recruitment|recruiting|payroll|"
        "learning and development|l&d|workforce"
    ),
    Sector.IT: _split(
        "it|helpdesk|help desk|service desk|infrastructure|network|sysadmin|systems|desktop|"
        "cloud|it security|cyber security|cybersecurity|information security|infosec|devops|"
        "database"
    ),
    Sector.PRODUCT: _split("product|ux|design|growth|data|analyst|analytics"),
    Sector.NONPROFIT: _split(
        "charity|non profit|nonprofit|ngo|fundraising|donor|volunteer|foundation|grant|"
        "mission|philanthropy"
    ),
    Sector.PUBLIC: _split(
        "council|government|public sector|civil service|municipal|benefit|case|social care|"
        "social services|licensing|planning|agency|caseworker|officer"
    ),
    Sector.SAFETY: _split("safety|ehs|hse|health and safety|risk|compliance"),
    Sector.RETAIL: _split("store|shop|retail|merchandising|cashier|boutique|branch|outlet"),
    Sector.FIELD: _split(
        "field|technician|installer|engineer|plumber|electrician|hvac|repair|service|maintenance"
    ),
    Sector.FINANCE: _split(
        "finance|bookkeeper|bookkeeping|payroll|accounts|billing|credit|treasury|audit|tax"
    ),
    Sector.LEGAL: _split("legal|paralegal|solicitor|lawyer|attorney|counsel|law"),
}

# Results of a whole organisation in each sector: they belong on a leader's scorecard.
SECTOR_COMPANY_RESULTS: dict[Sector, tuple[str, ...]] = {
    Sector.HEALTH: _split(
        "hospital mortality|hospital star rating|trust star rating|CQC rating|clinic revenue"
    ),
    Sector.EDUCATION: _split("school exam results|Ofsted rating|school league table"),
    Sector.HOSPITALITY: _split("hotel occupancy|GOP|restaurant group revenue|hotel revenue"),
    Sector.LOGISTICS: _split("network OTIF|warehouse profit"),
    Sector.PROPERTY: _split("portfolio valuation|company occupancy|net operating income"),
    Sector.PEOPLE: _split("company headcount|company attrition|company engagement"),
    Sector.IT: _split("IT budget|company uptime"),
    Sector.PRODUCT: _split("company revenue|company ARR|market share"),
    Sector.NONPROFIT: _split("charity income|total income|total funds raised"),
    Sector.PUBLIC: _split("council satisfaction|department budget"),
    Sector.SAFETY: _split("company TRIR|group injury rate"),
    Sector.RETAIL: _split("chain sales|group like-for-like sales"),
    Sector.FIELD: _split("company revenue|total revenue"),
    Sector.FINANCE: _split("net profit|EBITDA"),
    Sector.LEGAL: _split("firm revenue|firm profit"),
}


def _kpis(table: str) -> tuple[LibraryKpi, ...]:
    """Read a KPI table: "name | unit | direction | result | target", then what/from/note."""
    kpis: list[LibraryKpi] = []
    head: list[str] = []
    more: dict[str, str] = {}
    for line in [*table.strip().splitlines(), ""]:
        label, _, rest = line.strip().partition(": ")
        if label in ("what", "from", "note"):
            more[label] = rest.strip()
            continue
        if head:
            name, unit, direction, result, target = head
            kpis.append(
                LibraryKpi(
                    name, more["what"], unit, direction, result, more["from"], more["note"], target
                )
            )
        head, more = [part.strip() for part in line.split("|")] if line.strip() else [], {}
    return tuple(kpis)


def _role(key: str, title: str, sector: Sector, forum: str, names: str, table: str) -> LibraryRole:
    """A library role from its words ("|"-separated) and its KPI table."""
    return LibraryRole(key, title, sector, _split(names), forum, _kpis(table))


LIBRARY: tuple[LibraryRole, ...] = (
    _role(
        "nurse",
        "Nurse",
        Sector.HEALTH,
        "Monthly ward governance meeting",
        "nurse|nursing|midwife|health care assistant|hca|matron|ward",
        """
    Patient falls per 1,000 bed days | per 1,000 bed days | lower | Patient safety | 3
      what: Inpatient falls on my ward × 1,000 / occupied bed days
      from: Incident reporting system (Datix)
      note: NDNQI nursing-sensitive indicator: falls per 1,000 patient days
    Hospital-acquired pressure ulcers | count | lower | Patient safety | 0
      what: New category 2+ pressure ulcers on my ward
      from: Tissue viability audit / incident system
      note: NHS Safety Thermometer harm measure
    Medication administration errors | count | lower | Patient safety | 0
      what: Errors reaching patients on my shifts
      from: Incident reporting system
      note: WHO Medication Without Harm: errors reaching the patient
    Hand hygiene compliance | % | higher | Infection control | 95
      what: % of observed opportunities with hand hygiene done
      from: Monthly hand hygiene observation audit
      note: WHO 'My 5 moments' observation method
    """,
    ),
    _role(
        "clinic_manager",
        "Clinic or practice manager",
        Sector.HEALTH,
        "Monthly clinical review",
        "clinic|practice manager|gp|physician|doctor|dentist|dental|physiotherapist|physio|"
        "therapist|surgery",
        """
    Average wait from check-in to being seen | minutes | lower | Access to care | 15
      what: Median minutes from arrival to consultation
      from: Appointment system timestamps
      note: Patient-experience surveys rank waiting time among top complaints
    Patient no-show rate | % | lower | Access to care | 5
      what: % of booked appointments not attended
      from: Appointment system (DNA report)
      note: NHS 'did not attend' (DNA) rate
    30-day readmission rate | % | lower | Patient outcomes | 10
      what: % of my discharged patients readmitted within 30 days
      from: EHR encounter data
      note: CMS Hospital Readmissions Reduction Program uses 30-day readmissions
    Patient experience score | 0–10 | higher | Patient satisfaction | 9
      what: Mean 0–10 likelihood-to-recommend on post-visit surveys
      from: Post-visit survey tool
      note: NHS Friends and Family Test; CAHPS surveys in the US
    """,
    ),
    _role(
        "pharmacist",
        "Pharmacist",
        Sector.HEALTH,
        "Monthly pharmacy governance",
        "pharmacist|pharmacy|dispenser|pharmacy technician",
        """
    Dispensing errors reaching the patient | count | lower | Patient safety | 0
      what: Errors found after hand-out, per month
      from: Pharmacy incident log
      note: GPhC / NPSA error-reporting categories
    Prescriptions ready by the promised time | % | higher | Patient satisfaction | 95
      what: % of prescriptions ready when promised
      from: Pharmacy system timestamps
      note: Community pharmacy service standards on waiting times
    Near misses caught per 1,000 items | per 1,000 items | in range | Patient safety | 2–10
      what: Near misses logged × 1,000 / items dispensed
      from: Near-miss log and dispensing totals
      note: Near-miss logging as a learning measure (NHS England pharmacy guidance)
    """,
    ),
    _role(
        "teacher",
        "Teacher",
        Sector.EDUCATION,
        "Monthly department meeting",
        "teacher|teaching|tutor|lecturer|instructor|teaching assistant|educator|head of year|"
        "head of department",
        """
    Pupils at or above expected standard | % | higher | Learning outcomes | 70
      what: % of my pupils at or above age-related expectation
      from: School MIS assessment records
      note: England KS2 'expected standard' measure
    Average progress on unit assessments | points | higher | Learning outcomes | 10
      what: Mean gain from pre-test to post-test
      from: Markbook / assessment platform
      note: Pre/post gain scores as in EEF evaluation reports
    Pupil attendance rate | % | higher | Student attendance | 95
      what: % of possible sessions attended by my class
      from: School MIS attendance register
      note: DfE persistent absence threshold: below 90% attendance
    Homework handed in on time | % | higher | Student engagement | 90
      what: % of homework tasks submitted by the deadline
      from: Homework platform
      note: Common school engagement indicator
    """,
    ),
    _role(
        "chef",
        "Chef or kitchen manager",
        Sector.HOSPITALITY,
        "Weekly kitchen meeting",
        "chef|cook|kitchen|sous chef|line cook|kitchen manager|catering",
        """
    Food cost % | % | lower | Food cost | 30
      what: Food purchases adjusted for stock / food sales for my kitchen
      from: POS sales and supplier invoices
      note: Restaurant accounting: food cost commonly 28–35% of food sales
    Food waste as % of purchases | % | lower | Food cost | 5
      what: Value of food binned / value of food bought
      from: Waste log and supplier invoices
      note: WRAP hospitality waste guidance
    Ticket time | minutes | lower | Guest satisfaction | 12
      what: Median minutes from order to pass
      from: Kitchen display system
      note: KDS speed-of-service reports
    Food hygiene rating | 0–5 | higher | Food safety | 5
      what: Latest inspection rating, 0–5
      from: Local authority inspection report
      note: UK FSA Food Hygiene Rating Scheme (0–5)
    """,
    ),
    _role(
        "server",
        "Restaurant server or front of house",
        Sector.HOSPITALITY,
        "Weekly front-of-house briefing",
        "server|waiter|waitress|waiting staff|bartender|barista|host|front of house|"
        "restaurant|maitre d",
        """
    Average spend per cover | $ | higher | Revenue | 35
      what: Food and drink sales / covers I served
      from: POS server report
      note: Standard restaurant revenue-per-cover measure
    Guest review rating | stars | higher | Guest satisfaction | 4.5
      what: Average star rating of new reviews naming my section
      from: Review platform export
      note: Online review scores
    Table turn time | minutes | lower | Revenue | 60
      what: Median minutes from seating to table cleared
      from: Table management system
      note: Restaurant revenue management (RevPASH)
    """,
    ),
    _role(
        "housekeeping",
        "Hotel housekeeping",
        Sector.HOSPITALITY,
        "Weekly rooms division meeting",
        "housekeeping|housekeeper|room attendant|executive housekeeper|laundry",
        """
    Room inspection pass rate | % | higher | Guest satisfaction | 95
      what: % of rooms passing supervisor inspection first time
      from: Inspection app / PMS room status
      note: Hotel brand standards inspections
    Cleanliness complaints per 100 stays | per 100 stays | lower | Guest satisfaction | 1
      what: Guest complaints about cleanliness × 100 / stays
      from: Guest feedback system
      note: Cleanliness is a scored category on major review sites
    Rooms ready by check-in time | % | higher | Guest satisfaction | 98
      what: % of due rooms clean and inspected by check-in
      from: PMS room status timestamps
      note: PMS housekeeping reports
    Minutes per room cleaned | minutes | lower | Labour cost | 30
      what: Attendant minutes / rooms cleaned
      from: Housekeeping schedule and PMS
      note: Hotel labour productivity standards
    """,
    ),
    _role(
        "front_desk",
        "Hotel front desk or reservations",
        Sector.HOSPITALITY,
        "Weekly rooms division meeting",
        "front desk|receptionist|reservations|front office|concierge|revenue manager",
        """
    Bookings per 100 enquiries | per 100 | higher | Revenue | 30
      what: Reservations made × 100 / enquiries received
      from: Reservations system
      note: Conversion rate in hotel sales reports
    RevPAR on my shifts' bookings | $ | higher | Revenue | 90
      what: Room revenue / available rooms
      from: PMS revenue report
      note: STR: RevPAR = room revenue / available rooms
    Check-in wait time | minutes | lower | Guest satisfaction | 5
      what: Median minutes from arrival to key handed over
      from: Queue sampling / PMS timestamps
      note: Guest satisfaction surveys
    """,
    ),
    _role(
        "warehouse",
        "Warehouse picker or supervisor",
        Sector.LOGISTICS,
        "Weekly shift review",
        "picker|packer|warehouse|forklift|stock controller|inventory|fulfilment|fulfillment|"
        "order picker|shift lead",
        """
    Pick accuracy | % | higher | Order accuracy | 99.5
      what: % of order lines picked without error
      from: WMS pick confirmations and returns
      note: WERC DC Measures: order picking accuracy
    Units picked per hour | units/hour | higher | Labour productivity | 120
      what: Units picked / hours on pick, paired with accuracy
      from: WMS labour report
      note: WERC DC Measures: units picked per hour
    Orders shipped same day | % | higher | On-time delivery | 98
      what: % of orders received before cut-off shipped that day
      from: WMS dispatch report
      note: WERC: on-time shipments
    Inventory accuracy | % | higher | Order accuracy | 98
      what: % of locations cycle-counted that match the system
      from: Cycle count results in the WMS
      note: WERC: inventory count accuracy
    """,
    ),
    _role(
        "logistics",
        "Dispatcher or delivery driver",
        Sector.LOGISTICS,
        "Weekly transport review",
        "dispatcher|driver|delivery|courier|fleet|transport|route planner",
        """
    On-time deliveries | % | higher | On-time delivery | 95
      what: % of drops delivered inside the promised window
      from: Telematics / proof-of-delivery app
      note: OTIF on-time component
    Failed first delivery attempts | % | lower | Cost | 5
      what: % of drops not delivered on the first attempt
      from: Proof-of-delivery app
      note: Parcel carrier first-attempt delivery rate
    Cost per drop | $ | lower | Cost | 4
      what: Route cost / drops delivered
      from: Fleet and route reports
      note: Last-mile cost per delivery
    """,
    ),
    _role(
        "property_manager",
        "Property manager",
        Sector.PROPERTY,
        "Monthly portfolio review",
        "property manager|property|letting|leasing|lettings|housing officer|estate manager|"
        "block manager|landlord|asset manager|tenancy",
        """
    Occupancy of my units | % | higher | Occupancy | 95
      what: Occupied units / lettable units I manage
      from: Property management system rent roll
      note: IREM / NAA occupancy reporting
    Rent arrears | % | lower | Cash collection | 3
      what: % of rent roll more than 30 days in arrears
      from: Rent ledger
      note: Housing sector 'current tenant arrears' KPI (HouseMark)
    Average days to re-let a void unit | days | lower | Occupancy | 21
      what: Days from vacancy to new tenancy start
      from: Property management system
      note: HouseMark: average re-let time
    Repairs completed within target time | % | higher | Tenant satisfaction | 90
      what: % of repairs done within the promised days
      from: Repairs system
      note: UK Tenant Satisfaction Measures (RP02)
    """,
    ),
    _role(
        "facilities",
        "Facilities or maintenance technician",
        Sector.PROPERTY,
        "Weekly facilities meeting",
        "facilities|maintenance|caretaker|janitor|building services|handyman",
        """
    Work orders closed within SLA | % | higher | Service level | 90
      what: % of work orders completed inside their priority SLA
      from: CMMS work order report
      note: IFMA facility benchmarks
    Planned maintenance done on schedule | % | higher | Reliability | 90
      what: % of PM tasks completed by due date
      from: CMMS PM compliance report
      note: SMRP metric: PM compliance
    Repeat call-outs within 30 days | % | lower | Quality | 5
      what: % of jobs reopened for the same fault
      from: CMMS history
      note: First-time fix as a maintenance quality measure
    """,
    ),
    _role(
        "recruiter",
        "Recruiter",
        Sector.PEOPLE,
        "Weekly hiring sync",
        "recruiter|recruiting|recruitment|talent acquisition|sourcer|headhunter|resourcer|"
        "talent partner",
        """
    Time to fill | days | lower | Hiring | 40
      what: Median days from requisition approved to offer accepted
      from: ATS requisition report
      note: SHRM benchmarking: time to fill
    Offer acceptance rate | % | higher | Hiring | 85
      what: Offers accepted / offers made on my requisitions
      from: ATS offer report
      note: Common talent-acquisition KPI (SHRM)
    Hiring manager rating of new hires at 90 days | 1–5 | higher | Quality of hire | 4
      what: Average 1–5 rating by the hiring manager
      from: 90-day survey
      note: LinkedIn Talent Solutions: quality of hire
    Cost per hire | $ | lower | Hiring cost | 4000
      what: Agency, ad and referral spend / hires made
      from: ATS and finance spend report
      note: ANSI/SHRM cost-per-hire standard
    """,
    ),
    _role(
        "hr",
        "HR business partner or generalist",
        Sector.PEOPLE,
        "Monthly people review",
        "hr|human resources|people partner|hrbp|people operations|people ops|personnel|"
        "hr generalist|employee relations",
        """
    90-day new-hire retention | % | higher | Employee retention | 90
      what: % of new hires in my areas still employed after 90 days
      from: HRIS leavers report
      note: SHRM onboarding research
    Regrettable attrition | % | lower | Employee retention | 5
      what: % of high performers in my areas who left
      from: HRIS leavers with performance rating
      note: Common HR analytics KPI
    Employee engagement score | score | higher | Engagement | 20
      what: eNPS from the quarterly pulse survey in my areas
      from: Pulse survey tool
      note: eNPS, adapted from Bain's NPS
    Casework closed within 30 days | % | higher | Risk | 80
      what: % of ER cases resolved within 30 days
      from: HR case system
      note: ACAS guidance on prompt handling
    """,
    ),
    _role(
        "trainer",
        "Learning and development",
        Sector.PEOPLE,
        "Monthly people review",
        "trainer|learning and development|l&d|training coordinator|instructional designer|coach",
        """
    Learners passing the assessment first time | % | higher | Learning quality | 85
      what: % of learners passing on first attempt
      from: LMS assessment results
      note: Kirkpatrick level 2: learning
    Course feedback score | 1–5 | higher | Learning quality | 4.5
      what: Average learner rating of my courses, 1–5
      from: LMS survey
      note: Kirkpatrick level 1: reaction
    Managers seeing the new skill used at 60 days | % | higher | Employee performance | 70
      what: % of managers reporting use on the job
      from: 60-day manager survey
      note: Kirkpatrick level 3: behaviour
    """,
    ),
    _role(
        "it_helpdesk",
        "IT helpdesk",
        Sector.IT,
        "Weekly IT service review",
        "helpdesk|help desk|service desk|it support|desktop support|it technician|"
        "support analyst|sysadmin|system administrator|it",
        """
    First-contact resolution | % | higher | Service level | 75
      what: % of my tickets resolved at the first contact
      from: ITSM tool (ServiceNow, Jira SM)
      note: HDI / ITIL service desk metric
    Tickets resolved within SLA | % | higher | Service level | 90
      what: % of my tickets resolved inside their priority SLA
      from: ITSM SLA report
      note: ITIL service level management
    Satisfaction with resolved tickets | 1–5 | higher | Customer satisfaction | 4.5
      what: Average 1–5 survey rating on my tickets
      from: ITSM survey
      note: HDI customer satisfaction metric
    Laptops patched within 14 days | % | higher | Security | 95
      what: % of my fleet with critical patches in 14 days
      from: Endpoint management console
      note: CIS Controls: patch management
    """,
    ),
    _role(
        "product_manager",
        "Product manager",
        Sector.PRODUCT,
        "Monthly product review",
        "product manager|product owner|pm|product lead|head of product|product",
        """
    Week-4 retention of new users | % | higher | Customer retention | 40
      what: % of a week's sign-ups still active in week 4
      from: Product analytics (Amplitude, Mixpanel)
      note: Cohort retention, as in Amplitude's retention reports
    Feature adoption | % | higher | Product adoption | 30
      what: % of active accounts using the feature I own
      from: Product analytics
      note: Pendo / Amplitude adoption metrics
    Trial-to-paid conversion | % | higher | Revenue | 15
      what: % of trials that became paid accounts
      from: Billing and analytics
      note: SaaS funnel metric (OpenView benchmarks)
    Activation rate | % | higher | Customer retention | 40
      what: % of sign-ups reaching the activation event in 7 days
      from: Product analytics
      note: Reforge / AARRR activation
    """,
    ),
    _role(
        "fundraiser",
        "Non-profit fundraiser",
        Sector.NONPROFIT,
        "Monthly development committee",
        "fundraiser|fundraising|development officer|major gifts|grants officer|grant writer|"
        "donor relations|philanthropy|development manager",
        """
    Donor retention rate | % | higher | Donor retention | 45
      what: % of last year's donors in my portfolio who gave again
      from: Donor CRM (Raiser's Edge, Salesforce NPSP)
      note: Fundraising Effectiveness Project: donor retention
    Funds raised from my portfolio | $ | higher | Funds raised | 25000
      what: Gifts received from donors I manage
      from: Donor CRM gift report
      note: AFP fundraising reports
    Cost to raise $1 | $ | lower | Funds raised | 0.25
      what: Fundraising spend / funds raised
      from: Finance and CRM
      note: Charity Navigator fundraising efficiency
    Grant success rate | % | higher | Funds raised | 30
      what: Grants awarded / grant applications decided
      from: Grants tracker
      note: Common grant-writing KPI
    """,
    ),
    _role(
        "programme",
        "Programme or volunteer coordinator",
        Sector.NONPROFIT,
        "Monthly programme review",
        "programme|program|volunteer|outreach worker|community|project worker|support worker|"
        "youth worker|advocate",
        """
    Participants reaching their goal | % | higher | Mission impact | 60
      what: % of people I support who met their agreed goal
      from: Case or outcomes tracker
      note: Outcomes Star / results-based accountability ('is anyone better off?')
    Volunteers still active after 3 months | % | higher | Mission impact | 70
      what: % of new volunteers active at 3 months
      from: Volunteer management system
      note: NCVO volunteer retention
    Referrals seen within 10 days | % | higher | Service level | 90
      what: % of referrals first seen within 10 days
      from: Case tracker
      note: Service access standard
    """,
    ),
    _role(
        "caseworker",
        "Public-sector caseworker",
        Sector.PUBLIC,
        "Monthly casework supervision",
        "caseworker|case worker|case manager|social worker|case officer|benefits|"
        "claims officer|benefits advisor|welfare",
        """
    Claims decided within 10 working days | % | higher | Service level | 85
      what: % of my claims decided within 10 working days
      from: Case management system
      note: DWP / council processing-time KPIs
    Days from referral to assessment | days | lower | Service level | 10
      what: Median days from referral to first assessment
      from: Case management system
      note: Statutory assessment timescales
    Cases closed with goals met | % | higher | Service level | 70
      what: % of my closed cases where agreed goals were met
      from: Case management system
      note: Results-based accountability
    Decisions changed on appeal | % | lower | Quality | 5
      what: % of my decisions overturned at review
      from: Appeals tracker
      note: Tribunal overturn rate as a decision-quality measure
    """,
    ),
    _role(
        "ehs",
        "Health and safety officer",
        Sector.SAFETY,
        "Monthly safety committee",
        "safety|ehs|hse|health and safety|safety officer|safety advisor|safety manager|"
        "environmental health",
        """
    Lost-time injuries on my sites | count | lower | Safety | 0
      what: Injuries causing a lost shift
      from: Incident register
      note: ILO / OSHA lost-time injury definition
    TRIR on my sites | rate | lower | Safety | 1
      what: Recordable injuries × 200,000 / hours worked
      from: Incident register and payroll hours
      note: OSHA total recordable incident rate
    Corrective actions closed on time | % | higher | Safety | 90
      what: % of audit actions closed by their due date
      from: Action tracker
      note: ISO 45001 corrective action
    """,
    ),
    _role(
        "store_manager",
        "Store manager or retail associate",
        Sector.RETAIL,
        "Weekly area call",
        "store|shop|retail|cashier|sales associate|sales assistant|merchandiser|"
        "assistant manager|shop manager|branch manager",
        """
    Like-for-like sales in my store | % | higher | Sales | 3
      what: This store's sales vs same week last year
      from: POS sales report
      note: Retail like-for-like (same-store) sales
    Conversion rate | % | higher | Sales | 20
      what: Transactions / footfall in my store
      from: Footfall counter and POS
      note: Retail conversion (ShopperTrak)
    Shrink as % of sales | % | lower | Cost | 1.5
      what: Unexplained stock loss / sales
      from: Stock count results
      note: National Retail Security Survey: shrink
    Sales per labour hour | $ | higher | Labour productivity | 100
      what: Store sales / staff hours worked
      from: POS and rota system
      note: Retail labour productivity
    """,
    ),
    _role(
        "field_technician",
        "Field service technician",
        Sector.FIELD,
        "Weekly service team meeting",
        "field service|field technician|technician|service engineer|installer|plumber|"
        "electrician|hvac|repair|field engineer",
        """
    First-time fix rate | % | higher | First-time fix | 80
      what: % of my jobs fixed on the first visit
      from: Field service app (job records)
      note: Aberdeen Group field service research
    Repeat visits within 30 days | % | lower | Quality | 5
      what: % of jobs needing a return for the same fault
      from: Job history
      note: Field service quality measure
    Arrivals inside the booked window | % | higher | Customer satisfaction | 90
      what: % of visits started inside the promised slot
      from: Field service app timestamps
      note: Appointment-keeping KPIs
    """,
    ),
    _role(
        "payroll",
        "Payroll or bookkeeper",
        Sector.FINANCE,
        "Monthly finance review",
        "payroll|bookkeeper|bookkeeping|accounts assistant|accounts payable|ap clerk|billing",
        """
    Payroll errors | count | lower | Accuracy | 0
      what: Payslips needing correction after the run
      from: Payroll system adjustments
      note: CIPP / APA payroll accuracy
    Supplier invoices paid within terms | % | higher | Cash | 95
      what: % of approved invoices paid by due date
      from: Accounts payable ageing
      note: APQC: on-time payment
    Invoices processed per FTE hour | invoices/hour | higher | Cost | 10
      what: AP invoices posted / AP hours
      from: AP system and timesheets
      note: APQC: invoices processed per FTE
    """,
    ),
    _role(
        "paralegal",
        "Legal or paralegal",
        Sector.LEGAL,
        "Monthly matters review",
        "paralegal|legal|solicitor|lawyer|attorney|counsel|legal assistant|conveyancer",
        """
    Matters closed within the estimate | % | higher | Cycle time | 80
      what: % of my matters closed within time estimate
      from: Practice management system
      note: Legal operations (CLOC) metrics
    Billable share of hours | % | higher | Utilisation | 75
      what: Billable hours / hours recorded
      from: Time recording system
      note: Law firm utilisation benchmarks
    Contracts turned within 3 days | % | higher | Cycle time | 90
      what: % of contract reviews returned within 3 days
      from: Matter management system
      note: CLOC: contract turnaround
    """,
    ),
)
