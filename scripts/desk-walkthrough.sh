#!/usr/bin/env bash
# The service desk, end to end, with curl against a running demo
# (`npm run demo`): a walk-in repair at bj-zgc from registration to close, a
# part that slips, a repair handed to the partner, and a complaint that is
# investigated and answered. Every call is a plain GraphQL POST.
#
#   bash scripts/desk-walkthrough.sh            # against http://localhost:4000/graphql
#   API=http://host:port/graphql bash scripts/desk-walkthrough.sh
set -euo pipefail
API="${API:-http://localhost:4000/graphql}"
PASSWORD="${DEMO_PASSWORD:-demo-password-1}"

# gql TOKEN QUERY [VARIABLES_JSON]: prints the response; stops on any error or userError.
gql() {
  local body response
  body="$(node -e 'process.stdout.write(JSON.stringify({ query: process.argv[1], variables: JSON.parse(process.argv[2]) }))' "$2" "${3:-{\}}")"
  response="$(curl -sS "$API" -H 'content-type: application/json' ${1:+-H "authorization: Bearer $1"} -d "$body")"
  node -e '
    const r = JSON.parse(process.argv[1]);
    const userErrors = Object.values(r.data || {}).flatMap((p) => (p && p.userErrors) || []);
    if (r.errors || userErrors.length) { console.error(JSON.stringify(r.errors || userErrors)); process.exit(1); }' "$response"
  printf '%s' "$response"
}
# pick PATH: reads a response on stdin and prints the value at PATH (a.b.0.c).
pick() { node -e 'let d = ""; process.stdin.on("data", (c) => (d += c)).on("end", () => {
  const v = process.argv[1].split(".").reduce((a, k) => (a == null ? a : a[k]), JSON.parse(d));
  process.stdout.write(typeof v === "string" ? v : JSON.stringify(v)); });' "$1"; }
step() { printf '\n== %s\n' "$1"; }
login() { gql "" 'mutation($i: LoginInput!) { login(input: $i) { session { accessToken } userErrors { code message } } }' \
  "{\"i\": {\"tenantSlug\": \"$1\", \"email\": \"$2\", \"password\": \"$PASSWORD\"}}" | pick data.login.session.accessToken; }

AGENT="$(login bj-zgc agent1@bj-zgc.example.com)"
MANAGER="$(login bj-zgc manager@bj-zgc.example.com)"
TECH="$(login bj-zgc tech@bj-zgc.example.com)"
PARTNER="$(login repair-partner manager@repair-partner.example.com)"
MODEL="$(gql "$AGENT" '{ productModels(first: 10, category: "LAPTOP") { edges { node { id modelCode } } } }' | pick data.productModels.edges.0.node.id)"
TECH_ID="$(gql "$TECH" '{ viewer { user { id } } }' | pick data.viewer.user.id)"
BOUGHT="$(node -e 'console.log(new Date(Date.now() - 40 * 86400000).toISOString().slice(0, 10))')"
SERIAL="PF-$(date +%s)"
EXPECTED="$(node -e 'console.log(new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10))')"
SLIPPED="$(node -e 'console.log(new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10))')"

step "register a walk-in repair: a new customer, her laptop, the warranty decision"
R="$(gql "$AGENT" 'mutation($i: RegisterTicketInput!) { registerTicket(input: $i) {
    ticket { id number status warrantyAtRegistration { status reason wholeMachineUntil } customer { id } } userErrors { code message } } }' \
  "{\"i\": {\"type\": \"REPAIR\", \"channel\": \"WALK_IN\", \"problem\": \"Laptop runs hot and shuts down under load\",
    \"suspectedCause\": \"dust in the fan\", \"newCustomer\": {\"name\": \"Li Hua\", \"phone\": \"138 0013 $(date +%M%S)\"},
    \"newDevice\": {\"modelId\": \"$MODEL\", \"serialNumber\": \"$SERIAL\", \"purchaseDate\": \"$BOUGHT\", \"purchaseSource\": \"THIS_STORE\"}}}")"
echo "$R"
TICKET="$(echo "$R" | pick data.registerTicket.ticket.id)"
CUSTOMER="$(echo "$R" | pick data.registerTicket.ticket.customer.id)"

step "assign it to the technician, who starts the work"
gql "$AGENT" 'mutation($i: AssignTicketInput!) { assignTicket(input: $i) { ticket { status assignee { name } } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"assigneeId\": \"$TECH_ID\"}}"; echo
gql "$TECH" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"to\": \"IN_PROGRESS\"}}"; echo

step "order a fan, wait for it, then the supplier moves the date (the customer is told)"
P="$(gql "$AGENT" 'mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id expectedOn } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"partNumber\": \"FAN-XB14\", \"description\": \"CPU fan\", \"quantity\": 1, \"supplier\": \"East Parts Co.\", \"expectedOn\": \"$EXPECTED\"}}")"
echo "$P"
PART="$(echo "$P" | pick data.orderPart.partsOrder.id)"
gql "$TECH" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"to\": \"WAITING_PARTS\"}}"; echo
gql "$AGENT" 'mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { partsOrder { expectedOn dateChanges { previousOn expectedOn reason } } userErrors { code message } } }' \
  "{\"i\": {\"partsOrderId\": \"$PART\", \"expectedOn\": \"$SLIPPED\", \"reason\": \"supplier out of stock\"}}"; echo

step "hand the repair to the authorised repair centre"
PARTNER_ID="$(gql "$AGENT" '{ networkPartners { id slug } }' | pick data.networkPartners.0.id)"
gql "$AGENT" 'mutation($i: DispatchToPartnerInput!) { dispatchToPartner(input: $i) { dispatch { id partnerStatus } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"partnerTenantId\": \"$PARTNER_ID\", \"note\": \"fan replacement\"}}"; echo

step "the partner sees its work order (and nothing else of the store), repairs it, reports back"
W="$(gql "$PARTNER" '{ workOrders(first: 5) { edges { node { id reference problem deviceSerial status } } } }')"
echo "$W"
WORK_ORDER="$(echo "$W" | pick data.workOrders.edges.0.node.id)"
gql "$PARTNER" 'mutation($i: UpdateWorkOrderInput!) { updateWorkOrder(input: $i) { workOrder { status } userErrors { code message } } }' \
  "{\"i\": {\"workOrderId\": \"$WORK_ORDER\", \"status\": \"IN_REPAIR\", \"note\": \"fan received\"}}"; echo
gql "$PARTNER" 'mutation($i: UpdateWorkOrderInput!) { updateWorkOrder(input: $i) { workOrder { status } userErrors { code message } } }' \
  "{\"i\": {\"workOrderId\": \"$WORK_ORDER\", \"status\": \"REPAIRED\", \"note\": \"fan replaced, thermal paste renewed\"}}"; echo

step "the part arrived, the store resolves and closes the ticket"
gql "$AGENT" 'mutation($i: MarkPartArrivedInput!) { markPartArrived(input: $i) { partsOrder { status } userErrors { code message } } }' \
  "{\"i\": {\"partsOrderId\": \"$PART\"}}"; echo
gql "$TECH" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"to\": \"IN_PROGRESS\"}}"; echo
gql "$TECH" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"to\": \"RESOLVED\", \"note\": \"Fan replaced by the repair centre; runs cool under load\"}}"; echo
gql "$AGENT" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$TICKET\", \"to\": \"CLOSED\"}}"; echo

step "the whole timeline"
gql "$AGENT" 'query($id: ID!) { ticket(id: $id) { number status dispatches { partnerStatus partnerNote }
    timeline(first: 100) { edges { node { occurredAt kind visibility summary } } } } }' "{\"id\": \"$TICKET\"}"; echo

step "a complaint: about a staff member, investigated, answered, closed"
C="$(gql "$AGENT" 'mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }' \
  "{\"i\": {\"type\": \"COMPLAINT\", \"channel\": \"PHONE\", \"customerId\": \"$CUSTOMER\", \"problem\": \"Nobody called me while the part was late\"}}")"
COMPLAINT="$(echo "$C" | pick data.registerTicket.ticket.id)"
gql "$AGENT" 'mutation($i: RecordComplaintSubjectInput!) { recordComplaintSubject(input: $i) { ticket { complaintSubject } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"subject\": \"SERVICE\", \"detail\": \"no progress call while waiting for the part\"}}"; echo
MANAGER_ID="$(gql "$MANAGER" '{ viewer { user { id } } }' | pick data.viewer.user.id)"
gql "$AGENT" 'mutation($i: AssignTicketInput!) { assignTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"assigneeId\": \"$MANAGER_ID\"}}"; echo
gql "$MANAGER" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"to\": \"IN_PROGRESS\"}}"; echo
gql "$MANAGER" 'mutation($i: RecordComplaintInvestigationInput!) { recordComplaintInvestigation(input: $i) { ticket { complaintSubstantiated } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"findings\": \"The slip was recorded but no call was made\", \"substantiated\": true, \"actionTaken\": \"Apologised; progress calls are now scheduled automatically\"}}"; echo
gql "$MANAGER" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"to\": \"RESOLVED\", \"note\": \"Complaint upheld, process fixed\"}}"; echo
gql "$MANAGER" 'mutation($i: ReportComplaintResultInput!) { reportComplaintResult(input: $i) { ticket { resultReportedAt resultReportedVia } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"via\": \"PHONE\", \"message\": \"We are sorry; here is what we changed\"}}"; echo
gql "$MANAGER" 'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code message } } }' \
  "{\"i\": {\"ticketId\": \"$COMPLAINT\", \"to\": \"CLOSED\"}}"; echo

step "done"
