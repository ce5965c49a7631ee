package demo

import (
	"time"

	"github.com/netgraph/netgraph"
)

// The fixed material the demo is built from: regions, organisations, jobs,
// names, topics and networks. Every name is invented; any likeness to a real
// organisation or person is a coincidence of plausible English names.

// Regions are the English regions the demo covers.
var regions = []string{"North East", "Yorkshire and the Humber", "North West", "London", "South West"}

// orgSpec describes one demo organisation.
type orgSpec struct {
	name   string
	sector netgraph.Sector
	region string
	domain string // e-mail domain of its staff, under the reserved .example TLD
}

var organisations = []orgSpec{
	// North East
	{"Tyneside Hospitals NHS Foundation Trust", netgraph.SectorNHSTrust, "North East", "tynesidehospitals.example"},
	{"Wearside Primary Care Network", netgraph.SectorPrimaryCare, "North East", "wearsidepcn.example"},
	{"Newcastle City Library", netgraph.SectorPublicLibrary, "North East", "newcastlelibraries.example"},
	{"University of Tyneside", netgraph.SectorUniversity, "North East", "tyneside-uni.example"},
	{"Tyneside University Health Sciences Library", netgraph.SectorAcademicLibrary, "North East", "library.tyneside-uni.example"},
	{"Age Concern Tyne and Wear", netgraph.SectorCharity, "North East", "ageconcern-tw.example"},
	{"Gateshead Public Health Team", netgraph.SectorPublicHealth, "North East", "gateshead-ph.example"},
	{"Durham County Adult Social Care", netgraph.SectorSocialCare, "North East", "durhamsocialcare.example"},
	// Yorkshire and the Humber
	{"Aire Valley Hospitals NHS Foundation Trust", netgraph.SectorNHSTrust, "Yorkshire and the Humber", "airevalley.example"},
	{"Leeds Central Library", netgraph.SectorPublicLibrary, "Yorkshire and the Humber", "leedslibraries.example"},
	{"Leeds North Primary Care Network", netgraph.SectorPrimaryCare, "Yorkshire and the Humber", "leedsnorthpcn.example"},
	{"University of the Humber", netgraph.SectorUniversity, "Yorkshire and the Humber", "humber-uni.example"},
	{"Humber Medical Library", netgraph.SectorAcademicLibrary, "Yorkshire and the Humber", "library.humber-uni.example"},
	{"Sheffield City Council", netgraph.SectorLocalAuthority, "Yorkshire and the Humber", "sheffieldcc.example"},
	{"Yorkshire Carers Trust", netgraph.SectorCharity, "Yorkshire and the Humber", "yorkshirecarers.example"},
	{"Bradford Public Health", netgraph.SectorPublicHealth, "Yorkshire and the Humber", "bradford-ph.example"},
	// North West
	{"Mersey Valley NHS Foundation Trust", netgraph.SectorNHSTrust, "North West", "merseyvalley.example"},
	{"Manchester Central Library", netgraph.SectorPublicLibrary, "North West", "manchesterlibraries.example"},
	{"Salford East Primary Care Network", netgraph.SectorPrimaryCare, "North West", "salfordeastpcn.example"},
	{"University of Merseyside", netgraph.SectorUniversity, "North West", "merseyside-uni.example"},
	{"Age Concern Lancashire", netgraph.SectorCharity, "North West", "ageconcern-lancs.example"},
	{"Cheshire and Mersey Public Health Collaborative", netgraph.SectorPublicHealth, "North West", "cmphc.example"},
	{"Lancashire County Council Adult Services", netgraph.SectorSocialCare, "North West", "lancashirecc.example"},
	{"Greater Manchester Integrated Care Board", netgraph.SectorGovernment, "North West", "gmicb.example"},
	// London
	{"South Thames Hospitals NHS Foundation Trust", netgraph.SectorNHSTrust, "London", "souththames.example"},
	{"Camden Town Primary Care Network", netgraph.SectorPrimaryCare, "London", "camdentownpcn.example"},
	{"Hackney Libraries", netgraph.SectorPublicLibrary, "London", "hackneylibraries.example"},
	{"University of Bloomsbury", netgraph.SectorUniversity, "London", "bloomsbury-uni.example"},
	{"Bloomsbury Medical Library", netgraph.SectorAcademicLibrary, "London", "library.bloomsbury-uni.example"},
	{"London Borough of Lambeth", netgraph.SectorLocalAuthority, "London", "lambeth.example"},
	{"Southwark Wellbeing Trust", netgraph.SectorCharity, "London", "southwarkwellbeing.example"},
	{"National Health Knowledge Agency", netgraph.SectorGovernment, "London", "nhka.example"},
	// South West
	{"Severn Vale NHS Foundation Trust", netgraph.SectorNHSTrust, "South West", "severnvale.example"},
	{"Bristol Harbourside Primary Care Network", netgraph.SectorPrimaryCare, "South West", "harbourside-pcn.example"},
	{"Bristol Central Library", netgraph.SectorPublicLibrary, "South West", "bristollibraries.example"},
	{"University of Avon", netgraph.SectorUniversity, "South West", "avon-uni.example"},
	{"Devon County Council", netgraph.SectorLocalAuthority, "South West", "devoncc.example"},
	{"Age Concern Cornwall", netgraph.SectorCharity, "South West", "ageconcern-cornwall.example"},
	{"Somerset Care Cooperative", netgraph.SectorSocialCare, "South West", "somersetcare.example"},
	{"South West Health Innovation Hub", netgraph.SectorOther, "South West", "swhih.example"},
}

// staffSize is the typical number of demo people per organisation of a sector.
var staffSize = map[netgraph.Sector]int{
	netgraph.SectorNHSTrust:        28,
	netgraph.SectorUniversity:      20,
	netgraph.SectorPrimaryCare:     15,
	netgraph.SectorLocalAuthority:  15,
	netgraph.SectorPublicHealth:    13,
	netgraph.SectorSocialCare:      13,
	netgraph.SectorPublicLibrary:   11,
	netgraph.SectorCharity:         11,
	netgraph.SectorGovernment:      11,
	netgraph.SectorAcademicLibrary: 9,
	netgraph.SectorOther:           9,
}

// job is a post someone can hold in an organisation of some sector.
type job struct {
	title      string
	profession string
	senior     bool // senior enough to lead or sponsor a network
	weight     int  // relative frequency within the sector
}

var jobs = map[netgraph.Sector][]job{
	netgraph.SectorNHSTrust: {
		{"Director of Nursing", "nurse", true, 1},
		{"Medical Director", "doctor", true, 1},
		{"Consultant Diabetologist", "doctor", true, 2},
		{"Consultant Geriatrician", "doctor", true, 2},
		{"Staff Nurse", "nurse", false, 8},
		{"Ward Sister", "nurse", false, 3},
		{"Diabetes Specialist Nurse", "nurse", false, 3},
		{"Clinical Pharmacist", "pharmacist", false, 3},
		{"Physiotherapist", "physiotherapist", false, 3},
		{"Occupational Therapist", "occupational therapist", false, 2},
		{"Dietitian", "dietitian", false, 2},
		{"Clinical Librarian", "librarian", false, 1},
		{"Service Manager", "manager", false, 2},
	},
	netgraph.SectorPrimaryCare: {
		{"Clinical Director", "GP", true, 1},
		{"GP Partner", "GP", true, 3},
		{"Salaried GP", "GP", false, 4},
		{"Practice Nurse", "nurse", false, 4},
		{"PCN Clinical Pharmacist", "pharmacist", false, 2},
		{"Social Prescribing Link Worker", "social prescriber", false, 2},
		{"Practice Manager", "manager", false, 2},
		{"Health Care Assistant", "health care assistant", false, 2},
	},
	netgraph.SectorPublicHealth: {
		{"Director of Public Health", "public health consultant", true, 1},
		{"Consultant in Public Health", "public health consultant", true, 2},
		{"Public Health Specialist", "public health specialist", false, 4},
		{"Public Health Intelligence Analyst", "analyst", false, 3},
		{"Health Improvement Practitioner", "health improvement practitioner", false, 3},
		{"Public Health Commissioner", "commissioner", false, 2},
	},
	netgraph.SectorPublicLibrary: {
		{"Head of Library Services", "librarian", true, 1},
		{"Community Librarian", "librarian", false, 4},
		{"Reader Development Officer", "librarian", false, 2},
		{"Digital Inclusion Officer", "digital inclusion officer", false, 2},
		{"Library Assistant", "library assistant", false, 4},
	},
	netgraph.SectorAcademicLibrary: {
		{"Director of Library Services", "librarian", true, 1},
		{"Subject Librarian", "librarian", false, 3},
		{"Clinical Librarian", "librarian", false, 2},
		{"Knowledge Specialist", "knowledge specialist", false, 3},
		{"Evidence Search Specialist", "knowledge specialist", false, 2},
	},
	netgraph.SectorCharity: {
		{"Chief Executive", "charity manager", true, 1},
		{"Services Manager", "charity manager", false, 2},
		{"Volunteer Coordinator", "volunteer coordinator", false, 3},
		{"Support Worker", "support worker", false, 4},
		{"Independent Advocate", "advocate", false, 2},
		{"Digital Champion", "digital inclusion officer", false, 2},
	},
	netgraph.SectorLocalAuthority: {
		{"Director of Adult Social Services", "social worker", true, 1},
		{"Head of Commissioning", "commissioner", true, 1},
		{"Commissioning Manager", "commissioner", false, 3},
		{"Social Worker", "social worker", false, 5},
		{"Policy Officer", "policy officer", false, 3},
		{"Community Development Worker", "community development worker", false, 2},
	},
	netgraph.SectorSocialCare: {
		{"Head of Adult Social Care", "social worker", true, 1},
		{"Senior Social Worker", "social worker", false, 3},
		{"Social Worker", "social worker", false, 5},
		{"Care Manager", "care manager", false, 3},
		{"Occupational Therapist", "occupational therapist", false, 2},
		{"Reablement Worker", "care worker", false, 3},
	},
	netgraph.SectorUniversity: {
		{"Professor of Public Health", "researcher", true, 1},
		{"Professor of Nursing", "researcher", true, 1},
		{"Senior Lecturer", "lecturer", false, 4},
		{"Research Fellow", "researcher", false, 5},
		{"Lecturer in Health Sciences", "lecturer", false, 3},
		{"Research Associate", "researcher", false, 4},
		{"PhD Researcher", "researcher", false, 3},
	},
	netgraph.SectorGovernment: {
		{"Director of Strategy", "policy adviser", true, 1},
		{"Head of Knowledge Management", "knowledge manager", true, 1},
		{"Policy Adviser", "policy adviser", false, 4},
		{"Programme Manager", "programme manager", false, 3},
		{"Senior Commissioner", "commissioner", false, 2},
		{"Knowledge Manager", "knowledge manager", false, 2},
	},
	netgraph.SectorOther: {
		{"Director of Innovation", "innovation manager", true, 1},
		{"Innovation Manager", "innovation manager", false, 3},
		{"Data Scientist", "data scientist", false, 3},
		{"Project Manager", "project manager", false, 3},
	},
}

// topics people are interested in.
var topics = []string{
	"diabetes", "falls prevention", "health literacy", "digital inclusion", "dementia",
	"mental health", "evidence synthesis", "frailty", "social prescribing", "loneliness",
	"health inequalities", "obesity", "medicines optimisation", "patient safety",
	"quality improvement", "knowledge mobilisation", "carers", "reading for wellbeing",
	"population health", "integrated care", "end of life care", "data literacy",
	"workforce development", "co-production",
}

// sectorTopics are the topics people in a sector favour.
var sectorTopics = map[netgraph.Sector][]string{
	netgraph.SectorNHSTrust:        {"diabetes", "falls prevention", "frailty", "patient safety", "medicines optimisation", "dementia", "quality improvement"},
	netgraph.SectorPrimaryCare:     {"diabetes", "social prescribing", "medicines optimisation", "frailty", "mental health", "obesity"},
	netgraph.SectorPublicHealth:    {"health inequalities", "population health", "obesity", "health literacy", "diabetes", "falls prevention"},
	netgraph.SectorPublicLibrary:   {"digital inclusion", "health literacy", "reading for wellbeing", "loneliness", "dementia"},
	netgraph.SectorAcademicLibrary: {"evidence synthesis", "knowledge mobilisation", "health literacy", "data literacy"},
	netgraph.SectorCharity:         {"loneliness", "carers", "dementia", "digital inclusion", "falls prevention", "co-production"},
	netgraph.SectorLocalAuthority:  {"integrated care", "health inequalities", "carers", "digital inclusion", "population health"},
	netgraph.SectorSocialCare:      {"dementia", "carers", "falls prevention", "end of life care", "integrated care"},
	netgraph.SectorUniversity:      {"evidence synthesis", "mental health", "diabetes", "health inequalities", "knowledge mobilisation", "co-production"},
	netgraph.SectorGovernment:      {"knowledge mobilisation", "workforce development", "integrated care", "data literacy"},
	netgraph.SectorOther:           {"data literacy", "digital inclusion", "quality improvement", "integrated care"},
}

var firstNames = []string{
	"Aisha", "Alice", "Amara", "Amelia", "Amir", "Andrew", "Anna", "Arjun", "Ben", "Bethany",
	"Callum", "Catherine", "Charlotte", "Chloe", "Chris", "Claire", "Daniel", "David", "Deborah", "Eleanor",
	"Emily", "Emma", "Fatima", "Fiona", "Gareth", "Grace", "Hannah", "Harriet", "Harry", "Helen",
	"Imran", "Isaac", "Jack", "James", "Jasmine", "Joanne", "John", "Jonathan", "Joseph", "Karen",
	"Kate", "Kwame", "Laura", "Liam", "Lucy", "Mark", "Martin", "Mei", "Michael", "Mohammed",
	"Naomi", "Neil", "Niamh", "Nicola", "Oliver", "Olivia", "Owen", "Patrick", "Paul", "Priya",
	"Rachel", "Rebecca", "Richard", "Rosie", "Ruth", "Ryan", "Samuel", "Sarah", "Simon", "Sophie",
	"Stephen", "Susan", "Thomas", "Tom", "Victoria", "Yusuf", "Zainab", "Zoe",
}

var lastNames = []string{
	"Adams", "Ahmed", "Ali", "Allen", "Armstrong", "Atkinson", "Bailey", "Baker", "Bell", "Bennett",
	"Brown", "Campbell", "Carter", "Chapman", "Chen", "Clarke", "Collins", "Cooper", "Davies", "Dixon",
	"Edwards", "Ellis", "Evans", "Fisher", "Fletcher", "Foster", "Graham", "Green", "Hall", "Harris",
	"Hill", "Hughes", "Hussain", "Jackson", "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan",
	"King", "Lee", "Lewis", "Marshall", "Martin", "Mason", "Mensah", "Mitchell", "Moore", "Morgan",
	"Murphy", "Nwosu", "O'Brien", "Okafor", "Palmer", "Parker", "Patel", "Phillips", "Price", "Reid",
	"Richardson", "Roberts", "Robinson", "Rogers", "Scott", "Shah", "Singh", "Smith", "Stewart", "Taylor",
	"Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright",
	"Young",
}

// networkSpec describes one demo network and who it draws its members from.
type networkSpec struct {
	name      string
	typ       netgraph.NetworkType
	purpose   string
	region    string // "" for national networks
	specialty string
	size      int               // members wanted
	regions   []string          // regions it recruits from; nil for all
	sectors   []netgraph.Sector // sectors it recruits from; nil for all
	interest  string            // people with this interest are recruited from any sector of its regions
	profile   profileSpec       // its page in the register
}

// profileSpec is a demo network's profile in the register. The contact is
// the network office's shared mailbox, never a demo person's.
type profileSpec struct {
	aims         string
	host         string // the hosting organisation's name
	contactName  string
	contactEmail string
	policy       netgraph.MembershipPolicy
	website      string
	tor, mou     *netgraph.Document // terms of reference, memorandum of understanding
	status       netgraph.NetworkStatus
}

// document is a demo network's document, due for review on the date given.
func document(title, link string, year int, month time.Month, day int) *netgraph.Document {
	review := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return &netgraph.Document{Title: title, Link: link, ReviewDate: &review}
}

var networks = []networkSpec{
	{
		name: "Northern Diabetes Clinical Network", typ: netgraph.NetworkManagedClinical,
		purpose:   "Joins up diabetes care across hospitals, primary care and public health in the north of England.",
		region:    "North East",
		specialty: "Diabetes", size: 90,
		regions:  []string{"North East", "Yorkshire and the Humber", "North West"},
		sectors:  []netgraph.Sector{netgraph.SectorNHSTrust, netgraph.SectorPrimaryCare, netgraph.SectorPublicHealth},
		interest: "diabetes",
		profile: profileSpec{
			aims: "Every adult with diabetes in the north offered structured education within a year of diagnosis; " +
				"fewer amputations; one set of pathways agreed by every trust and primary care network.",
			host:        "Tyneside Hospitals NHS Foundation Trust",
			contactName: "Diabetes network office", contactEmail: "diabetes.network@tynesidehospitals.example",
			policy: netgraph.PolicyByRequest, website: "https://northerndiabetes.example/",
			tor: document("Terms of reference 2025–26", "https://northerndiabetes.example/governance/terms-of-reference.pdf", 2026, time.March, 31),
			mou: document("Memorandum of understanding between member trusts", "https://northerndiabetes.example/governance/mou.pdf", 2027, time.March, 31),
		},
	},
	{
		name: "Health Libraries Knowledge Network", typ: netgraph.NetworkLearning,
		purpose:   "Health librarians and knowledge specialists sharing evidence search and knowledge mobilisation practice.",
		specialty: "Knowledge and library services", size: 55,
		sectors:  []netgraph.Sector{netgraph.SectorAcademicLibrary, netgraph.SectorPublicLibrary, netgraph.SectorGovernment},
		interest: "evidence synthesis",
		profile: profileSpec{
			aims: "Share evidence search and knowledge mobilisation practice; run Health Information Week together; " +
				"mentor new knowledge specialists.",
			host:        "National Health Knowledge Agency",
			contactName: "Knowledge network coordinator", contactEmail: "knowledge.network@nhka.example",
			policy: netgraph.PolicyOpen, website: "https://healthlibraries.example/network",
			tor: document("Terms of reference", "https://healthlibraries.example/network/terms-of-reference", 2026, time.September, 30),
		},
	},
	{
		name: "Digital Inclusion Alliance", typ: netgraph.NetworkAdvocacy,
		purpose:   "Campaigns for everyone to have the skills, kit and connection to use digital health services.",
		specialty: "Digital inclusion", size: 70,
		sectors:  []netgraph.Sector{netgraph.SectorPublicLibrary, netgraph.SectorCharity, netgraph.SectorLocalAuthority},
		interest: "digital inclusion",
		profile: profileSpec{
			aims: "Libraries and charities in partnership: free digital skills sessions in every branch library, " +
				"device lending, and a voice for digitally excluded patients.",
			host:        "Manchester Central Library",
			contactName: "Alliance secretariat", contactEmail: "digital.inclusion@manchesterlibraries.example",
			policy: netgraph.PolicyOpen, website: "https://digitalinclusion.example/",
			mou: document("Library and charity partnership memorandum", "https://digitalinclusion.example/mou", 2026, time.June, 30),
		},
	},
	{
		name: "London and South West Falls Prevention Collaborative", typ: netgraph.NetworkClinicalOperational,
		purpose:   "Practitioners learning together how to prevent falls among older people at home and in hospital.",
		region:    "London",
		specialty: "Falls prevention", size: 60,
		regions:  []string{"London", "South West"},
		sectors:  []netgraph.Sector{netgraph.SectorNHSTrust, netgraph.SectorSocialCare, netgraph.SectorCharity, netgraph.SectorPrimaryCare},
		interest: "falls prevention",
		profile: profileSpec{
			aims: "Fewer falls and fractures among older people: shared strength and balance programmes and " +
				"one falls risk assessment across hospital and home.",
			host:        "South Thames Hospitals NHS Foundation Trust",
			contactName: "Falls collaborative lead", contactEmail: "falls.collaborative@souththames.example",
			policy: netgraph.PolicyByRequest, website: "https://fallsprevention.example/",
			tor:    document("Terms of reference", "https://fallsprevention.example/terms-of-reference.pdf", 2025, time.December, 31),
			status: netgraph.StatusDormant,
		},
	},
	{
		name: "Emerging Leaders in Public Health", typ: netgraph.NetworkDevelopmental,
		purpose:   "A development programme connecting the next generation of public health leaders with mentors.",
		specialty: "Public health leadership", size: 45,
		sectors:  []netgraph.Sector{netgraph.SectorPublicHealth, netgraph.SectorLocalAuthority, netgraph.SectorGovernment, netgraph.SectorUniversity},
		interest: "health inequalities",
		profile: profileSpec{
			aims: "Each emerging leader paired with a mentor, a system placement, and a quality improvement project " +
				"on health inequalities.",
			host:        "Cheshire and Mersey Public Health Collaborative",
			contactName: "Programme office", contactEmail: "emerging.leaders@cmphc.example",
			policy: netgraph.PolicyByInvitation, website: "https://emergingleaders.example/",
		},
	},
	{
		name: "North West Dementia Care Network", typ: netgraph.NetworkOperationalDelivery,
		purpose:   "Coordinates dementia diagnosis, care and carer support across the North West.",
		region:    "North West",
		specialty: "Dementia", size: 50,
		regions:  []string{"North West"},
		sectors:  []netgraph.Sector{netgraph.SectorNHSTrust, netgraph.SectorSocialCare, netgraph.SectorPrimaryCare, netgraph.SectorCharity},
		interest: "dementia",
		profile: profileSpec{
			aims: "A timely diagnosis for everyone with dementia in the North West, and a named care coordinator " +
				"for every family after it.",
			host:        "Mersey Valley NHS Foundation Trust",
			contactName: "Dementia network manager", contactEmail: "dementia.network@merseyvalley.example",
			policy: netgraph.PolicyByRequest, website: "https://nwdementia.example/",
			tor: document("Terms of reference", "https://nwdementia.example/about/terms-of-reference", 2026, time.January, 31),
			mou: document("Memorandum of understanding with social care partners", "https://nwdementia.example/about/mou", 2027, time.January, 31),
		},
	},
}

// partnershipRules say which organisations of a region partner with each
// other, and how.
var partnershipRules = []struct {
	a, b netgraph.Sector
	kind netgraph.PartnershipKind
}{
	{netgraph.SectorNHSTrust, netgraph.SectorPrimaryCare, netgraph.PartnershipServiceAgreement},
	{netgraph.SectorNHSTrust, netgraph.SectorUniversity, netgraph.PartnershipMoU},
	{netgraph.SectorUniversity, netgraph.SectorAcademicLibrary, netgraph.PartnershipSharedPost},
	{netgraph.SectorPublicLibrary, netgraph.SectorCharity, netgraph.PartnershipInformal},
	{netgraph.SectorSocialCare, netgraph.SectorNHSTrust, netgraph.PartnershipServiceAgreement},
	{netgraph.SectorOther, netgraph.SectorUniversity, netgraph.PartnershipOther},
}
