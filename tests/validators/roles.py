"""Role contexts for the six template roles, built from the role research."""

from __future__ import annotations

from service.core.models import KpiRow, RoleContext


def _kpi(name: str, unit: str, direction: str, result: str, definition: str = "") -> KpiRow:
    return KpiRow(
        name=name,
        definition=definition or name,
        owner="Owner",
        business_result=result,
        control="direct",
        unit=unit,
        direction=direction,
        target="1",
        cadence="monthly",
        data_source="system",
        review_forum="team meeting",
    )


ROLES: dict[str, RoleContext] = {
    "accounting_rep": RoleContext(
        role="accounting_rep",
        title="Accounting rep",
        outcomes=("Cash collection", "Faster month-end close", "Accurate books"),
        company_results=("Net profit", "Total revenue"),
        suggestions=(
            _kpi("DSO", "days", "lower", "Cash", "AR balance / credit sales × days in period"),
            _kpi("% AR > 60 days past due", "%", "lower", "Cash"),
            _kpi("% of statements sent by business day 5", "%", "higher", "Cash"),
            _kpi("Month-end close", "business days", "lower", "Faster month-end close"),
            _kpi("Post-close adjustments", "count", "lower", "Accurate books"),
        ),
    ),
    "sales_rep": RoleContext(
        role="sales_rep",
        title="Sales rep",
        outcomes=("New revenue", "Pipeline"),
        company_results=("Company revenue", "Total revenue", "Market share"),
        suggestions=(
            _kpi("Quota attainment", "%", "higher", "Revenue"),
            _kpi("Pipeline coverage", "x quota", "higher", "Revenue"),
            _kpi("Win rate", "%", "higher", "Revenue", "Deals won / SQLs closed"),
            _kpi("Discovery meetings held", "count", "higher", "Pipeline"),
            _kpi("Sales cycle length", "days", "lower", "Cycle time"),
        ),
    ),
    "customer_support": RoleContext(
        role="customer_support",
        title="Customer support",
        outcomes=("Customer retention", "Customer satisfaction"),
        company_results=("Company NPS", "Total revenue"),
        suggestions=(
            _kpi("CSAT", "%", "higher", "Customer satisfaction"),
            _kpi("First response time", "hours", "lower", "Customer satisfaction"),
            _kpi("First contact resolution", "%", "higher", "Customer retention"),
            _kpi("SLA adherence", "%", "higher", "Customer retention"),
        ),
    ),
    "operations_manager": RoleContext(
        role="operations_manager",
        title="Operations manager",
        outcomes=("On-time delivery", "Cost per order"),
        company_results=("Net profit", "EBITDA"),
        suggestions=(
            _kpi("OTIF", "%", "higher", "Cycle time", "Orders delivered on time and in full"),
            _kpi("Order cycle time", "days", "lower", "Cycle time"),
            _kpi("Cost per order", "$", "lower", "Cost"),
            _kpi("Capacity utilisation", "%", "in range", "Cost"),
        ),
    ),
    "marketing_coordinator": RoleContext(
        role="marketing_coordinator",
        title="Marketing coordinator",
        outcomes=("Qualified pipeline", "Lead generation"),
        company_results=("Market share", "Total revenue"),
        suggestions=(
            _kpi("SQLs generated", "count", "higher", "Revenue"),
            _kpi("Visitor-to-lead rate", "%", "higher", "Revenue"),
            _kpi("Cost per lead", "$", "lower", "Cost"),
            _kpi("Lead-to-SQL rate", "%", "higher", "Revenue"),
        ),
    ),
    "software_engineer": RoleContext(
        role="software_engineer",
        title="Software engineer",
        outcomes=("Reliability of owned service", "Delivery speed"),
        company_results=("Org-wide deployment frequency",),
        suggestions=(
            _kpi("Change failure rate on owned service", "%", "lower", "Quality"),
            _kpi("Lead time for changes", "hours", "lower", "Cycle time"),
            _kpi("Escaped defects on owned service", "count", "lower", "Quality"),
            _kpi("Time to restore", "hours", "lower", "Quality"),
        ),
    ),
}
