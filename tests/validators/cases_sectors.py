"""A second labelled set: KPIs as teams in many sectors write them.

Roles are typed the way managers say them ("Ward nurse", "Accounting Rep",
"sales reps"); most are outside the six shipped templates. Labels say what a
KPI coach would say about each KPI, not what the rules happened to do when the
case was written. Every case names its category, so accuracy is reported per
kind of wording:

- internal output: counts of things the owner produced or did, in any tense
- effort: time and presence in any unit
- scope: company- or unit-level results on one person's scorecard
- outcomes: real results outside commerce (health, education, safety, …)
- rates: ratios whose words hold effort or activity but that measure results
- ratings: scores on a scale ("out of 10", "0–10", stars)
- laundering: busy work with a real outcome typed in Business result
- casual: good KPIs written casually or with abbreviations
- owner and loop: group owners and broken feedback loops in other sectors
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.core.models import KpiRow
from tests.validators.cases import Case
from validators import Criterion

DR = Criterion.DRIVES_RESULT
IC = Criterion.IN_CONTROL
FL = Criterion.FEEDBACK_LOOP

INTERNAL = "internal output"
EFFORT = "effort"
SCOPE = "scope"
OUTCOMES = "outcomes"
RATES = "rates"
RATINGS = "ratings"
LAUNDERING = "laundering"
CASUAL = "casual"
LOOP = "owner and loop"


@dataclass(frozen=True)
class Seat:
    """A role as a manager typed it, with a complete good row for that seat."""

    role: str
    base: dict[str, str]


def _seat(role: str, owner: str, result: str, source: str, forum: str, **more: str) -> Seat:
    base = {
        "owner": owner,
        "business_result": result,
        "control": "direct",
        "unit": "%",
        "direction": "higher",
        "target": "90",
        "cadence": "monthly",
        "data_source": source,
        "review_forum": forum,
    }
    return Seat(role, {**base, **more})


NURSE = _seat("Ward nurse", "Rosa Alvarez", "Patient safety", "Epic EHR ward report",
              "Monthly ward governance meeting")  # fmt: skip
CLINIC = _seat("clinic manager", "Dr Mei Lin", "Patient outcomes", "Clinic EMR dashboard",
               "Monthly clinical review")  # fmt: skip
TEACHER = _seat("Teacher", "Hannah Cole", "Learning outcomes", "School MIS assessment records",
                "Monthly maths department meeting")  # fmt: skip
CHEF = _seat("Head Chef", "Luis Ortega", "Food cost", "Toast POS and supplier invoices",
             "Weekly kitchen meeting", cadence="weekly")  # fmt: skip
SERVER = _seat("restaurant server", "Jade Moreau", "Guest satisfaction", "Toast POS report",
               "Weekly front-of-house briefing", cadence="weekly")  # fmt: skip
PICKER = _seat("Warehouse picker", "Dan Kowalski", "Order accuracy", "WMS pick report",
               "Weekly shift review", cadence="weekly")  # fmt: skip
PROPERTY = _seat("Property Manager", "Grace Kim", "Occupancy", "Yardi rent roll",
                 "Monthly portfolio review")  # fmt: skip
RECRUITER = _seat("recruiter", "Omar Haddad", "Hiring", "Greenhouse ATS reports",
                  "Weekly hiring sync", cadence="weekly")  # fmt: skip
HELPDESK = _seat("IT helpdesk", "Nina Petrova", "Service level", "ServiceNow reports",
                 "Weekly IT service review", cadence="weekly")  # fmt: skip
PRODUCT = _seat("Product Manager", "Alex Rivera", "Customer retention", "Amplitude",
                "Monthly product review")  # fmt: skip
HOUSEKEEPING = _seat("Hotel housekeeping supervisor", "Maria Santos", "Guest satisfaction",
                     "Opera PMS and guest survey", "Weekly rooms division meeting",
                     cadence="weekly")  # fmt: skip
FUNDRAISER = _seat("Non-profit fundraiser", "Ben Carter", "Donor retention",
                   "Raiser's Edge CRM", "Monthly development committee")  # fmt: skip
CASEWORKER = _seat("caseworker", "Ayo Adeyemi", "Service level", "Case management system",
                   "Monthly casework supervision")  # fmt: skip
HR = _seat("HR Business Partner", "Claire Dubois", "Employee retention", "BambooHR reports",
           "Monthly people review")  # fmt: skip
TECH = _seat("field service technician", "Raj Patel", "First-time fix", "ServiceTitan job records",
             "Weekly service team meeting", cadence="weekly")  # fmt: skip
SAFETY = _seat("EHS officer", "Kofi Mensah", "Safety", "Incident register (Intelex)",
               "Monthly safety committee")  # fmt: skip
STORE = _seat("Store manager", "Paula Reyes", "Sales", "Shopify POS reports",
              "Weekly area call", cadence="weekly")  # fmt: skip
PHARMACIST = _seat("pharmacist", "Ivan Novak", "Patient safety", "Pharmacy system audit log",
                   "Monthly pharmacy governance")  # fmt: skip
# The six shipped roles, typed as people type them.
ACC = _seat("Accounting Rep", "Priya Shah", "Cash", "Xero aged receivables report",
            "Monthly finance review")  # fmt: skip
SAL = _seat("sales reps", "Marco Diaz", "Revenue", "HubSpot CRM", "Weekly pipeline meeting",
            cadence="weekly")  # fmt: skip
SUP = _seat("Customer-Support", "Aisha Khan", "Customer satisfaction", "Zendesk",
            "Weekly support huddle", cadence="weekly")  # fmt: skip
OPS = _seat("operations manager", "Tom Becker", "Cycle time", "ERP shipping report",
            "Weekly ops review", cadence="weekly")  # fmt: skip
MKT = _seat("Marketing Coordinator", "Lena Park", "Revenue pipeline", "HubSpot marketing report",
            "Monthly marketing review")  # fmt: skip
ENG = _seat("software-engineers", "Sam Okafor", "Quality", "GitHub and PagerDuty",
            "Monthly engineering review")  # fmt: skip


@dataclass(frozen=True)
class SectorCase(Case):
    """A labelled KPI with the category of wording it tests."""

    category: str = ""


def ok(category: str, seat: Seat, name: str, definition: str = "", **fields: Any) -> SectorCase:
    """A KPI a coach would accept."""
    row = KpiRow(**{**seat.base, "name": name, "definition": definition or name, **fields})
    return SectorCase(seat.role, row, True, None, category=category)


def bad(
    category: str, seat: Seat, fails: Criterion, name: str, definition: str = "", **fields: Any
) -> SectorCase:
    """A KPI a coach would reject, failing at least `fails`."""
    row = KpiRow(**{**seat.base, "name": name, "definition": definition or name, **fields})
    return SectorCase(seat.role, row, False, fails, category=category)


COUNT = {"unit": "count", "target": "20"}
FEWER = {"direction": "lower"}

SECTOR_CASES: tuple[SectorCase, ...] = (
    # ---- internal output: counts of what the owner produced, any noun, any tense ------------
    bad(INTERNAL, NURSE, DR, "Handover forms completed", "Shift handover forms filled in", **COUNT),
    bad(INTERNAL, NURSE, DR, "Care plans written", "Number of care plans I wrote", **COUNT),
    bad(INTERNAL, CLINIC, DR, "Agendas prepared", "Agendas prepared for clinic meetings", **COUNT),
    bad(
        INTERNAL, TEACHER, DR, "Lesson plans prepared", "Lesson plans uploaded each week", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, TEACHER, DR, "Worksheets marked", "Pupil worksheets marked", **COUNT),
    bad(INTERNAL, CHEF, DR, "Rotas published", "Staff rotas published on time", **COUNT),
    bad(
        INTERNAL, CHEF, DR, "Prep lists printed", "Daily prep lists printed for the line", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, PICKER, DR, "Cycle counts performed", "Bin cycle counts carried out", **COUNT),
    bad(
        INTERNAL, PROPERTY, DR, "Inspection reports filed", "Unit inspection reports filed", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, RECRUITER, DR, "Job ads posted", "Job adverts posted to boards", **COUNT),
    bad(INTERNAL, RECRUITER, DR, "Interviews scheduled", "Candidate interviews booked", **COUNT),
    bad(
        INTERNAL, HELPDESK, DR, "KB articles written", "Knowledge base articles authored", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, HELPDESK, DR, "Tickets updated", "Tickets I added a note to", **COUNT),
    bad(INTERNAL, PRODUCT, DR, "PRDs written", "Product requirement documents drafted", **COUNT),
    bad(INTERNAL, PRODUCT, DR, "Roadmap slides produced", **COUNT),
    bad(
        INTERNAL, PRODUCT, DR, "Features shipped", "Number of features released this month", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, HOUSEKEEPING, DR, "Rooms cleaned", "Rooms cleaned by my attendants", **COUNT),
    bad(INTERNAL, HOUSEKEEPING, DR, "Linen carts restocked", **COUNT),
    bad(INTERNAL, FUNDRAISER, DR, "Grant applications submitted", **COUNT),
    bad(
        INTERNAL, CASEWORKER, DR, "Case notes written", "Case notes entered in the system", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, CASEWORKER, DR, "Assessments carried out", "Needs assessments done", **COUNT),
    bad(INTERNAL, HR, DR, "One-on-ones conducted", "1:1s held with managers", **COUNT),
    bad(INTERNAL, HR, DR, "Policies updated", "HR policies revised", **COUNT),
    bad(INTERNAL, HR, DR, "Onboarding sessions run", **COUNT),
    bad(INTERNAL, TECH, DR, "Job sheets completed", "Job sheets filled out per week", **COUNT),
    bad(INTERNAL, SAFETY, DR, "Toolbox talks delivered", "# of toolbox talks given", **COUNT),
    bad(INTERNAL, SAFETY, DR, "Risk assessments written", **COUNT),
    bad(INTERNAL, STORE, DR, "Shifts covered", "Shifts I covered for absent staff", **COUNT),
    bad(INTERNAL, STORE, DR, "Planograms set up", "Planograms reset in store", **COUNT),
    bad(INTERNAL, ACC, DR, "Journal entries posted", "Number of journals posted", **COUNT),
    bad(
        INTERNAL,
        SAL,
        DR,
        "Account plans written",
        "Account plans drafted for top accounts",
        **COUNT,
    ),  # fmt: skip
    bad(INTERNAL, SUP, DR, "Macros created", "Helpdesk macros created", **COUNT),
    bad(INTERNAL, OPS, DR, "Process maps drawn", "Process maps documented", **COUNT),
    bad(INTERNAL, MKT, DR, "Briefs drafted", "Creative briefs drafted", **COUNT),
    bad(INTERNAL, ENG, DR, "Design docs authored", **COUNT),
    bad(INTERNAL, ENG, DR, "Jira tickets groomed", "Backlog tickets refined", **COUNT),
    bad(
        INTERNAL, TEACHER, DR, "Preparing weekly newsletters", "Class newsletters prepared", **COUNT
    ),  # fmt: skip
    bad(INTERNAL, NURSE, DR, "Number of audits carried out", "Ward audits done", **COUNT),
    bad(INTERNAL, PHARMACIST, DR, "SOP reviews done", "Pharmacy SOPs reviewed", **COUNT),
    ok(
        INTERNAL,
        NURSE,
        "Discharge summaries sent to GP within 48 h",
        "% of discharges whose summary reached the GP within 48 hours",
    ),  # fmt: skip
    ok(
        INTERNAL,
        TEACHER,
        "Reports to parents issued by the deadline",
        "% of pupil reports sent to parents by the school deadline",
        target="100",
    ),  # fmt: skip
    ok(
        INTERNAL,
        CASEWORKER,
        "Care plans agreed within 10 working days of referral",
        "% of new referrals with an agreed care plan within 10 working days",
    ),  # fmt: skip
    ok(
        INTERNAL,
        PROPERTY,
        "Lease renewals offered 90 days before expiry",
        "% of expiring leases given a renewal offer at least 90 days ahead",
    ),  # fmt: skip
    ok(
        INTERNAL,
        HR,
        "Offers sent within 48 h of final interview",
        "% of successful candidates sent an offer within 48 hours",
        business_result="Hiring",
    ),
    # ---- effort and presence in any unit ----------------------------------------------------
    bad(
        EFFORT,
        NURSE,
        DR,
        "CPD hours logged",
        "Continuing professional development hours",
        unit="hours",
        target="35",
    ),  # fmt: skip
    bad(EFFORT, TEACHER, DR, "Hours of PD completed", unit="hours", target="20"),
    bad(
        EFFORT,
        FUNDRAISER,
        DR,
        "Minutes on the phone",
        "Minutes spent calling donors",
        unit="minutes",
        target="600",
    ),  # fmt: skip
    bad(
        EFFORT,
        PROPERTY,
        DR,
        "Days on site",
        "Days spent at my properties",
        unit="days",
        target="12",
    ),  # fmt: skip
    bad(EFFORT, TECH, DR, "Hours on the road", unit="hours", target="30"),
    bad(EFFORT, TEACHER, DR, "Teaching hours delivered", unit="hours", target="22"),
    bad(EFFORT, CHEF, DR, "Shifts worked", unit="shifts", target="5"),
    bad(
        EFFORT,
        NURSE,
        DR,
        "Time spent with patients",
        "Minutes at the bedside per shift",
        unit="minutes",
        target="300",
    ),  # fmt: skip
    bad(
        EFFORT,
        RECRUITER,
        DR,
        "Talk time",
        "Minutes talking to candidates",
        unit="minutes",
        target="900",
    ),  # fmt: skip
    bad(EFFORT, HELPDESK, DR, "Hours logged in ServiceNow", unit="hours", target="38"),
    bad(EFFORT, STORE, DR, "Hours on the shop floor", unit="hours", target="30"),
    bad(EFFORT, CLINIC, DR, "Nights on call", unit="nights", target="4"),
    bad(
        EFFORT,
        HR,
        DR,
        "Office attendance rate",
        "% of working days badged into the office",
        business_result="Engagement",
    ),  # fmt: skip
    bad(EFFORT, SAFETY, DR, "Training days attended", unit="days", target="5"),
    bad(
        EFFORT,
        PRODUCT,
        DR,
        "Weekends worked before launch",
        unit="days",
        target="0",
        direction="lower",
    ),  # fmt: skip
    bad(
        EFFORT, ACC, DR, "Overtime taken at month end", unit="hours", target="10", direction="lower"
    ),  # fmt: skip
    bad(
        EFFORT,
        SAL,
        DR,
        "Time in the field",
        "Days spent visiting the territory",
        unit="days",
        target="12",
    ),  # fmt: skip
    bad(EFFORT, SUP, DR, "Minutes available on the phone queue", unit="minutes", target="2000"),
    bad(EFFORT, CASEWORKER, DR, "Hours of supervision attended", unit="hours", target="6"),
    ok(
        EFFORT,
        CLINIC,
        "Average wait time in clinic",
        "Minutes from check-in to being seen",
        unit="minutes",
        direction="lower",
        target="20",
    ),  # fmt: skip
    ok(
        EFFORT,
        NURSE,
        "Door-to-needle time",
        "Median minutes from arrival to thrombolysis",
        unit="minutes",
        direction="lower",
        target="60",
    ),  # fmt: skip
    ok(
        EFFORT,
        HELPDESK,
        "Unplanned downtime hours",
        "Hours of unplanned outage of the VPN",
        unit="hours",
        direction="lower",
        target="2",
    ),  # fmt: skip
    ok(
        EFFORT,
        CLINIC,
        "Average length of stay",
        "Mean inpatient days per discharge",
        unit="days",
        direction="lower",
        target="4",
    ),  # fmt: skip
    ok(
        EFFORT,
        RECRUITER,
        "Time to fill",
        "Median days from requisition approved to offer accepted",
        unit="days",
        direction="lower",
        target="35",
    ),  # fmt: skip
    ok(
        EFFORT,
        CASEWORKER,
        "Days from referral to assessment",
        unit="days",
        direction="lower",
        target="10",
    ),  # fmt: skip
    ok(
        EFFORT,
        SERVER,
        "Minutes from order to food on the table",
        unit="minutes",
        direction="lower",
        target="18",
        business_result="Guest satisfaction",
    ),  # fmt: skip
    ok(
        EFFORT,
        TECH,
        "Hours from call-out to arrival on site",
        unit="hours",
        direction="lower",
        target="4",
        business_result="Customer satisfaction",
    ),  # fmt: skip
    # ---- scope: company- or unit-level results on one person's scorecard ----------------------
    bad(
        SCOPE, NURSE, IC, "Clinic-wide patient satisfaction", "Patient survey score for the clinic"
    ),
    bad(
        SCOPE,
        CHEF,
        IC,
        "Group-level revenue",
        "Revenue of the restaurant group",
        unit="$",
        target="2m",
        business_result="Revenue",
    ),  # fmt: skip
    bad(SCOPE, STORE, IC, "Sales growth across all 12 stores", "Like-for-like sales, all stores"),
    bad(
        SCOPE,
        SERVER,
        IC,
        "Complaints across all branches",
        "Guest complaints in every branch",
        unit="count",
        direction="lower",
        target="10",
    ),  # fmt: skip
    bad(
        SCOPE,
        HELPDESK,
        IC,
        "Network-wide uptime",
        "Uptime of the whole corporate network",
        target="99.9",
    ),  # fmt: skip
    bad(
        SCOPE,
        NURSE,
        IC,
        "Trust-wide infection rate",
        "Hospital-acquired infections, whole trust",
        direction="lower",
        target="1",
    ),  # fmt: skip
    bad(SCOPE, TEACHER, IC, "School-wide exam pass rate", "GCSE pass rate for the whole school"),
    bad(SCOPE, TEACHER, IC, "District graduation rate", "Graduation rate across the district"),
    bad(
        SCOPE,
        HOUSEKEEPING,
        IC,
        "Hotel-wide occupancy",
        "Occupancy of the whole hotel",
        business_result="Revenue",
    ),  # fmt: skip
    bad(SCOPE, PROPERTY, IC, "Occupancy across all properties", "Company occupancy, every site"),
    bad(
        SCOPE,
        HR,
        IC,
        "Organisation-wide staff turnover",
        "Leavers / headcount, whole company",
        direction="lower",
        target="12",
    ),  # fmt: skip
    bad(
        SCOPE,
        FUNDRAISER,
        IC,
        "Total funds raised by the charity",
        "All income the charity raised",
        unit="$",
        target="1m",
        business_result="Funds raised",
    ),  # fmt: skip
    bad(
        SCOPE,
        CASEWORKER,
        IC,
        "Council-wide resident satisfaction",
        "Resident satisfaction with all council services",
    ),  # fmt: skip
    bad(
        SCOPE,
        CHEF,
        IC,
        "Chain-wide food cost",
        "Food cost % across the chain",
        direction="lower",
        target="30",
    ),  # fmt: skip
    bad(
        SCOPE, SAFETY, IC, "Lost-time injury rate across all sites", direction="lower", target="1"
    ),  # fmt: skip
    bad(
        SCOPE,
        OPS,
        IC,
        "Firm-wide utilisation",
        "Billable hours / available hours, whole firm",
        business_result="Cost",
    ),  # fmt: skip
    bad(SCOPE, SAL, IC, "Company-wide ARR", "ARR of the whole business", unit="$", target="10m"),
    bad(
        SCOPE, RECRUITER, IC, "Overall headcount growth", "Company headcount growth", target="15"
    ),  # fmt: skip
    bad(
        SCOPE,
        HELPDESK,
        IC,
        "Department-wide average response time",
        "Average first response time for the whole IT department",
        unit="hours",
        direction="lower",
        target="2",
    ),  # fmt: skip
    bad(SCOPE, PRODUCT, IC, "Company revenue growth", unit="%", target="20"),
    bad(
        SCOPE,
        CLINIC,
        IC,
        "Network-wide patient waiting times",
        "Average wait across every clinic in the network",
        unit="minutes",
        direction="lower",
        target="20",
    ),  # fmt: skip
    bad(SCOPE, STORE, IC, "EBITDA of the retail group", unit="$", target="3m"),
    ok(
        SCOPE,
        NURSE,
        "Falls on my ward",
        "Inpatient falls on ward 7 per 1,000 bed days",
        unit="per 1,000 bed days",
        direction="lower",
        target="3",
    ),  # fmt: skip
    ok(
        SCOPE,
        PROPERTY,
        "Occupancy across my three buildings",
        "Occupied units / lettable units in the buildings I manage",
        target="95",
    ),  # fmt: skip
    ok(
        SCOPE,
        TEACHER,
        "Pass rate in my Year 10 maths classes",
        "% of my Year 10 pupils at grade 4 or above in the mock",
        target="75",
    ),  # fmt: skip
    ok(
        SCOPE,
        CHEF,
        "Food cost % in my kitchen",
        "Food purchases / food sales for my site",
        direction="lower",
        target="29",
    ),  # fmt: skip
    ok(
        SCOPE,
        STORE,
        "Store sales vs last year",
        "This store's sales vs same week last year",
        target="5",
    ),  # fmt: skip
    ok(
        SCOPE,
        CASEWORKER,
        "Cases closed with goals met across my caseload",
        "% of my closed cases where the agreed goals were met",
        target="70",
    ),  # fmt: skip
    # ---- real results outside commerce ----------------------------------------------------------
    ok(
        OUTCOMES,
        NURSE,
        "Patient falls per 1,000 bed days",
        unit="rate",
        direction="lower",
        target="3",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        NURSE,
        "Hand hygiene compliance",
        "% of observed opportunities with hand hygiene",
        target="95",
        business_result="Infection control",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        CLINIC,
        "30-day readmission rate",
        "% of discharged patients readmitted in 30 days",
        direction="lower",
        target="8",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PHARMACIST,
        "Dispensing errors",
        "Errors reaching the patient, per month",
        unit="count",
        direction="lower",
        target="0",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        NURSE,
        "Hospital-acquired pressure ulcers",
        "New pressure ulcers on my ward",
        unit="count",
        direction="lower",
        target="0",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        CLINIC,
        "Patient no-show rate",
        "% of booked appointments not attended",
        direction="lower",
        target="5",
        business_result="Access to care",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        CLINIC,
        "Diabetic patients with HbA1c under 7%",
        "% of my diabetic patients whose last HbA1c was below 7%",
        target="60",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        TEACHER,
        "Pupils at or above expected reading level",
        "% of my pupils reading at or above age-related expectation",
        target="80",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        TEACHER,
        "Pupil attendance rate",
        "% of possible sessions attended by my class",
        target="95",
        business_result="Student attendance",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        TEACHER,
        "Average progress on end-of-unit tests",
        "Mean gain in points from pre-test to post-test",
        unit="points",
        target="15",
        business_result="Student achievement",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        SAFETY,
        "Lost-time injuries",
        "Injuries causing a lost shift on my site",
        unit="count",
        direction="lower",
        target="0",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        SAFETY,
        "TRIR",
        "Recordable injuries × 200,000 / hours worked on my site",
        unit="rate",
        direction="lower",
        target="1.5",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        HOUSEKEEPING,
        "Room inspection pass rate",
        "% of rooms passing supervisor inspection first time",
        target="95",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        HOUSEKEEPING,
        "Guest complaints about cleanliness",
        unit="count",
        direction="lower",
        target="3",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        SERVER,
        "Average spend per cover",
        "Food and drink sales / covers served",
        unit="$",
        target="42",
        business_result="Revenue",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PROPERTY,
        "Rent arrears",
        "% of rent roll more than 30 days in arrears",
        direction="lower",
        target="3",
        business_result="Cash collection",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PROPERTY,
        "Average days to re-let a void unit",
        unit="days",
        direction="lower",
        target="21",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PROPERTY,
        "Maintenance requests resolved within 48 h",
        business_result="Tenant satisfaction",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PROPERTY,
        "Tenant renewal rate",
        "% of expiring leases renewed",
        target="70",
        business_result="Tenant retention",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        CASEWORKER,
        "Claims decided within 10 working days",
        "% of benefit claims decided within 10 working days of receipt",
        target="85",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        CASEWORKER,
        "Families housed within 30 days of referral",
        target="60",
        business_result="Homelessness prevented",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        FUNDRAISER,
        "Donor retention rate",
        "% of last year's donors who gave again",
        target="55",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        FUNDRAISER,
        "Cost to raise $1",
        "Fundraising spend / funds raised",
        unit="$",
        direction="lower",
        target="0.2",
        business_result="Funds raised",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        FUNDRAISER,
        "New monthly donors recruited",
        "Donors starting a monthly gift",
        unit="count",
        target="40",
        business_result="Recurring income",
    ),  # fmt: skip
    ok(OUTCOMES, HR, "90-day new-hire retention", "% of new hires still employed after 90 days"),
    ok(
        OUTCOMES,
        HR,
        "Employee engagement score",
        "eNPS from the quarterly pulse survey",
        unit="score",
        target="30",
        cadence="quarterly",
        business_result="Engagement",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        HR,
        "Regrettable attrition",
        "% of high performers who left in the quarter",
        direction="lower",
        target="5",
        cadence="quarterly",
    ),  # fmt: skip
    ok(OUTCOMES, RECRUITER, "Offer acceptance rate", "Offers accepted / offers made", target="85"),
    ok(
        OUTCOMES,
        HELPDESK,
        "Uptime of the ticketing system",
        target="99.9",
        business_result="Uptime",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        HELPDESK,
        "Laptops patched within 14 days",
        "% of managed laptops with critical patches applied within 14 days",
        target="95",
        business_result="Security",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        HELPDESK,
        "Phishing test click rate",
        direction="lower",
        target="5",
        business_result="Security",
    ),  # fmt: skip
    ok(OUTCOMES, PICKER, "Pick accuracy", "% of order lines picked without error", target="99.5"),
    ok(
        OUTCOMES,
        PICKER,
        "Orders shipped same day",
        "% of orders in by 2pm shipped the same day",
        target="98",
        business_result="On-time delivery",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PRODUCT,
        "Week-4 retention of new users",
        "% of a week's sign-ups active in their fourth week",
        target="35",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PRODUCT,
        "Trial-to-paid conversion",
        "% of trials that became paid accounts",
        target="12",
        business_result="Revenue",
    ),  # fmt: skip
    ok(
        OUTCOMES,
        PRODUCT,
        "Feature adoption",
        "% of active accounts using the new scheduler",
        target="30",
        business_result="Product adoption",
    ),  # fmt: skip
    ok(OUTCOMES, TECH, "First-time fix rate", "% of jobs fixed on the first visit", target="80"),
    # ---- rates whose words hold effort or activity ------------------------------------------
    ok(
        RATES,
        OPS,
        "% of hours billable",
        "Billable hours / hours worked by my team",
        target="75",
        business_result="Utilisation",
    ),  # fmt: skip
    ok(
        RATES,
        RECRUITER,
        "Cost per hire",
        "Agency, ads and referral fees / hires made",
        unit="$",
        direction="lower",
        target="4000",
        business_result="Hiring cost",
    ),  # fmt: skip
    ok(RATES, TECH, "% of visits fixed first time", "Visits where the fault was fixed first time"),
    ok(
        RATES,
        HOUSEKEEPING,
        "Bookings per 100 enquiries",
        "Room bookings per 100 enquiries",
        unit="per 100",
        target="30",
        business_result="Revenue",
    ),  # fmt: skip
    ok(
        RATES,
        FUNDRAISER,
        "Calls answered within 20 seconds",
        "% of donor line calls answered",
        target="80",
        business_result="Donor satisfaction",
    ),  # fmt: skip
    ok(
        RATES,
        SAL,
        "Meetings that end with a next step",
        "% of first meetings with a dated next step",
        target="70",
    ),  # fmt: skip
    ok(
        RATES,
        RECRUITER,
        "Interviews per hire",
        "Onsite interviews held / hires",
        unit="ratio",
        direction="lower",
        target="4",
    ),  # fmt: skip
    ok(
        RATES,
        CASEWORKER,
        "Emails answered within 1 working day",
        "% of resident emails replied to within one working day",
        target="90",
    ),  # fmt: skip
    ok(
        RATES,
        STORE,
        "Sales per labour hour",
        "Store sales / staff hours worked",
        unit="$",
        target="150",
    ),  # fmt: skip
    ok(
        RATES,
        CHEF,
        "Labour cost as % of sales",
        "Kitchen wages / food sales",
        direction="lower",
        target="28",
        business_result="Labour cost",
    ),  # fmt: skip
    ok(
        RATES,
        SUP,
        "Calls resolved on first contact",
        "% of calls needing no follow-up",
        target="75",
    ),  # fmt: skip
    ok(
        RATES,
        HELPDESK,
        "Tickets per 100 users",
        "Incidents raised per 100 staff per month",
        unit="per 100",
        direction="lower",
        target="15",
        business_result="Service quality",
    ),
    ok(
        RATES,
        PICKER,
        "Units picked per hour",
        "Units picked / hours on pick, paired with accuracy",
        unit="units/hour",
        target="120",
        business_result="Labour productivity",
    ),  # fmt: skip
    ok(
        RATES,
        MKT,
        "Cost per webinar attendee who becomes an SQL",
        unit="$",
        direction="lower",
        target="300",
        business_result="Cost",
    ),  # fmt: skip
    ok(
        RATES,
        CLINIC,
        "Appointments attended as % of booked",
        target="92",
        business_result="Access to care",
    ),  # fmt: skip
    ok(
        RATES, SAL, "Demos converted to proposals", "% of demos that led to a proposal", target="40"
    ),  # fmt: skip
    ok(
        RATES,
        HOUSEKEEPING,
        "Minutes per room cleaned",
        "Attendant minutes / rooms cleaned",
        unit="minutes",
        direction="lower",
        target="28",
        business_result="Labour cost",
    ),
    ok(
        RATES,
        TEACHER,
        "Homework handed in on time",
        "% of homework tasks submitted by the deadline",
        target="85",
        business_result="Student engagement",
    ),  # fmt: skip
    ok(
        RATES,
        PROPERTY,
        "Viewings per let",
        "Viewings held / units let",
        unit="ratio",
        direction="lower",
        target="6",
        business_result="Occupancy",
    ),  # fmt: skip
    ok(
        RATES,
        ACC,
        "Invoices processed per FTE hour",
        "AP invoices posted / AP hours",
        unit="invoices/hour",
        target="12",
        business_result="Cost",
    ),  # fmt: skip
    bad(RATES, SAL, DR, "Calls made per day", "Outbound dials per day", unit="count", target="60"),
    bad(RATES, RECRUITER, DR, "InMails sent per week", unit="count", target="100"),
    # ---- ratings on a scale -----------------------------------------------------------------
    ok(
        RATINGS,
        HOUSEKEEPING,
        "Guest cleanliness rating",
        "Average cleanliness score on surveys",
        unit="out of 10",
        target="9",
    ),  # fmt: skip
    ok(
        RATINGS,
        CLINIC,
        "Patient experience score",
        "Mean answer to 'how likely to recommend' 0–10",
        unit="0–10",
        target="8.5",
    ),  # fmt: skip
    ok(
        RATINGS,
        TEACHER,
        "Parent satisfaction rating",
        unit="out of 5",
        target="4.3",
        cadence="quarterly",
        business_result="Parent satisfaction",
    ),  # fmt: skip
    ok(
        RATINGS,
        HR,
        "Course feedback score",
        "Average learner rating of my courses, 1–5",
        unit="score (1–5)",
        target="4.5",
        business_result="Learning quality",
    ),  # fmt: skip
    ok(
        RATINGS,
        RECRUITER,
        "Hiring manager rating of new hires at 90 days",
        "Average 1–5 rating by the hiring manager",
        unit="rating",
        target="4",
        business_result="Quality of hire",
    ),  # fmt: skip
    ok(
        RATINGS,
        SERVER,
        "Google review rating",
        "Average star rating of new Google reviews",
        unit="stars",
        target="4.6",
    ),  # fmt: skip
    ok(
        RATINGS,
        CHEF,
        "Food hygiene rating",
        "Latest inspection rating, 0–5",
        unit="0-5",
        target="5",
        cadence="quarterly",
        business_result="Food safety",
    ),  # fmt: skip
    ok(
        RATINGS,
        PROPERTY,
        "Tenant satisfaction",
        "Average score on the annual tenant survey 0-10",
        unit="out of 10",
        target="8",
        cadence="quarterly",
    ),  # fmt: skip
    ok(
        RATINGS,
        HELPDESK,
        "Satisfaction with resolved tickets",
        "Survey rating 1–5 on my tickets",
        unit="rating",
        target="4.5",
        business_result="Customer satisfaction",
    ),  # fmt: skip
    ok(
        RATINGS,
        SUP,
        "Average CES",
        "Customer effort score on closed chats, 1–7",
        unit="1-7",
        direction="lower",
        target="2.5",
    ),  # fmt: skip
    bad(
        RATINGS, HOUSEKEEPING, DR, "Make guests happy", "Guests should feel at home", unit="rating"
    ),  # fmt: skip
    bad(RATINGS, TEACHER, DR, "Keep parents happy", "Parents are happy with the school"),
    # ---- busy work laundered through Business result ----------------------------------------
    bad(
        LAUNDERING, NURSE, DR, "Handover forms completed", **COUNT, business_result="Patient safety"
    ),  # fmt: skip
    bad(LAUNDERING, SAFETY, DR, "Safety walks done", **COUNT, business_result="Safety"),
    bad(
        LAUNDERING, CLINIC, DR, "Hours of CPD", unit="hours", target="30", business_result="Quality"
    ),  # fmt: skip
    bad(LAUNDERING, SERVER, DR, "Instagram posts published", **COUNT, business_result="Revenue"),
    bad(LAUNDERING, HR, DR, "Team meetings held", **COUNT, business_result="Quality"),
    bad(
        LAUNDERING,
        TEACHER,
        DR,
        "Lesson plans submitted",
        **COUNT,
        business_result="Learning outcomes",
    ),  # fmt: skip
    bad(
        LAUNDERING, STORE, DR, "Cold calls to local businesses", **COUNT, business_result="Revenue"
    ),  # fmt: skip
    bad(LAUNDERING, PHARMACIST, DR, "Reports produced", **COUNT, business_result="Compliance"),
    bad(LAUNDERING, HR, DR, "Training sessions attended", **COUNT, business_result="Retention"),
    bad(LAUNDERING, PICKER, DR, "Checklists completed", **COUNT, business_result="Risk"),
    bad(
        LAUNDERING,
        HOUSEKEEPING,
        DR,
        "Team huddles held",
        **COUNT,
        business_result="Guest satisfaction",
    ),  # fmt: skip
    bad(LAUNDERING, SAFETY, DR, "Audits performed", **COUNT, business_result="Quality"),
    bad(LAUNDERING, ENG, DR, "Code reviews done", **COUNT, business_result="Quality"),
    bad(LAUNDERING, SUP, DR, "Tickets touched", **COUNT, business_result="Customer satisfaction"),
    bad(LAUNDERING, ACC, DR, "Reconciliation templates updated", **COUNT, business_result="Cash"),
    bad(LAUNDERING, MKT, DR, "Emails sent", **COUNT, business_result="Revenue"),
    bad(
        LAUNDERING,
        PRODUCT,
        DR,
        "User interviews conducted",
        **COUNT,
        business_result="Customer retention",
    ),  # fmt: skip
    bad(LAUNDERING, FUNDRAISER, DR, "Donor calls made", **COUNT, business_result="Revenue"),
    bad(
        LAUNDERING,
        CASEWORKER,
        DR,
        "Home visits conducted",
        **COUNT,
        business_result="Service level",
    ),  # fmt: skip
    bad(
        LAUNDERING,
        TECH,
        DR,
        "Hours on site",
        unit="hours",
        target="30",
        business_result="Customer satisfaction",
    ),  # fmt: skip
    # ---- good KPIs, written casually --------------------------------------------------------
    ok(CASUAL, ACC, "AR >60d %", "share of AR over 60 days", direction="lower", target="10"),
    ok(CASUAL, SUP, "csat on tix i closed", "csat % on my solved tix", target="85"),
    ok(CASUAL, NURSE, "falls /1000 bed days", unit="rate", direction="lower", target="3"),
    ok(CASUAL, CLINIC, "avg LOS (days)", unit="days", direction="lower", target="4"),
    ok(
        CASUAL,
        RECRUITER,
        "TTF (days)",
        "time to fill, req open to offer accepted",
        unit="days",
        direction="lower",
        target="35",
    ),  # fmt: skip
    ok(
        CASUAL,
        HOUSEKEEPING,
        "RevPAR",
        "room revenue / available rooms",
        unit="$",
        target="120",
        business_result="Revenue",
    ),  # fmt: skip
    ok(CASUAL, HELPDESK, "MTTR on P1s (hrs)", unit="hours", direction="lower", target="4"),
    ok(CASUAL, HOUSEKEEPING, "% rooms ok first insp", target="95"),
    ok(CASUAL, PICKER, "% orders out same day", target="98"),
    ok(CASUAL, CHEF, "food cost % (my kitchen)", direction="lower", target="29"),
    ok(CASUAL, PROPERTY, "voids re-let < 21 days %", target="80"),
    ok(CASUAL, FUNDRAISER, "donor retention %", target="55"),
    ok(CASUAL, CASEWORKER, "% claims decided in 10 wd", target="85"),
    ok(
        CASUAL,
        HR,
        "eNPS",
        unit="score",
        target="30",
        cadence="quarterly",
        business_result="Engagement",
    ),  # fmt: skip
    ok(CASUAL, RECRUITER, "offer accept rate", target="85"),
    ok(CASUAL, ENG, "Sev1s on my service", unit="count", direction="lower", target="0"),
    ok(CASUAL, PICKER, "pick acc %", target="99.5"),
    ok(CASUAL, OPS, "DIFOT", "delivered in full on time %", target="95"),
    ok(CASUAL, PRODUCT, "wk4 retention", "% of new users still active in week 4", target="35"),
    ok(CASUAL, SAL, "win rate (SQL→won)", target="27"),
    ok(
        CASUAL,
        TEACHER,
        "% at ARE in reading",
        "% of my class at age-related expectation",
        target="80",
    ),  # fmt: skip
    ok(CASUAL, TECH, "FTFR", "first time fix rate on my jobs", target="80"),
    ok(
        CASUAL,
        SERVER,
        "avg check $",
        "avg spend per table",
        unit="$",
        target="85",
        business_result="Revenue",
    ),  # fmt: skip
    ok(CASUAL, SAFETY, "LTIs on site", unit="count", direction="lower", target="0"),
    ok(CASUAL, MKT, "CPL ($)", unit="$", direction="lower", target="80", business_result="Cost"),
    # ---- owners and feedback loops in other sectors ----------------------------------------
    bad(
        LOOP,
        NURSE,
        IC,
        "Patient falls per 1,000 bed days",
        owner="Nursing team",
        unit="rate",
        direction="lower",
        target="3",
    ),  # fmt: skip
    bad(LOOP, TEACHER, IC, "Pupils at expected reading level", owner="All teachers"),
    bad(LOOP, CHEF, IC, "Food cost %", owner="Kitchen staff", direction="lower", target="29"),
    bad(LOOP, HELPDESK, IC, "First-contact resolution", owner="IT"),
    bad(LOOP, PROPERTY, IC, "Occupancy rate", control="none"),
    bad(LOOP, RECRUITER, FL, "Offer acceptance rate", target="as high as possible"),
    bad(LOOP, CASEWORKER, FL, "Claims decided within 10 working days", review_forum=""),
    bad(LOOP, HOUSEKEEPING, FL, "Room inspection pass rate", data_source="TBD"),
    bad(LOOP, FUNDRAISER, FL, "Donor retention rate", cadence="annually"),
    bad(LOOP, HR, FL, "90-day new-hire retention", target=""),
    bad(LOOP, PICKER, FL, "Pick accuracy", cadence="every shift"),
    bad(LOOP, PRODUCT, IC, "Week-4 retention of new users", owner="Product squad"),
    bad(
        LOOP,
        SAFETY,
        IC,
        "Lost-time injuries",
        owner="Everyone on site",
        unit="count",
        direction="lower",
        target="0",
    ),  # fmt: skip
    bad(LOOP, PHARMACIST, FL, "Dispensing errors", unit="count", direction="lower", target="?"),
    bad(LOOP, TECH, IC, "First-time fix rate", owner="Raj and Lee"),
)
