/** Reference data for realistic Indian documents. Everything here is real: states, PIN prefixes, bank codes. */

export interface Place {
  city: string;
  state: string;
  /** GST state code (first two digits of a GSTIN). */
  gstCode: string;
  /** Vehicle registration / DL state code. */
  rtoCode: string;
  /** First three digits of the city's PIN codes. */
  pinPrefix: string;
  localities: readonly string[];
}

// city, state, GST state code, RTO code, PIN prefix, localities
type PlaceRow = [string, string, string, string, string, string[]];
const PLACE_ROWS: PlaceRow[] = [
  ["Pune", "Maharashtra", "27", "MH", "411", ["Kothrud", "Shivajinagar", "Hadapsar", "Baner", "Aundh"]],
  ["Mumbai", "Maharashtra", "27", "MH", "400", ["Andheri East", "Dadar West", "Borivali West", "Powai"]],
  ["Bengaluru", "Karnataka", "29", "KA", "560", ["Jayanagar", "Indiranagar", "Koramangala", "Malleshwaram"]],
  ["Chennai", "Tamil Nadu", "33", "TN", "600", ["T Nagar", "Adyar", "Velachery", "Anna Nagar"]],
  ["Coimbatore", "Tamil Nadu", "33", "TN", "641", ["RS Puram", "Gandhipuram", "Peelamedu"]],
  ["New Delhi", "Delhi", "07", "DL", "110", ["Lajpat Nagar", "Karol Bagh", "Dwarka", "Rohini"]],
  ["Jaipur", "Rajasthan", "08", "RJ", "302", ["Malviya Nagar", "Vaishali Nagar", "Mansarovar"]],
  ["Bhilwara", "Rajasthan", "08", "RJ", "311", ["Pur Road", "Shastri Nagar", "Subhash Nagar"]],
  ["Ahmedabad", "Gujarat", "24", "GJ", "380", ["Navrangpura", "Satellite", "Maninagar"]],
  ["Lucknow", "Uttar Pradesh", "09", "UP", "226", ["Gomti Nagar", "Aliganj", "Hazratganj"]],
  ["Kolkata", "West Bengal", "19", "WB", "700", ["Salt Lake", "Behala", "Ballygunge"]],
  ["Hyderabad", "Telangana", "36", "TS", "500", ["Banjara Hills", "Kukatpally", "Secunderabad"]],
  ["Kochi", "Kerala", "32", "KL", "682", ["Edappally", "Kakkanad", "Fort Kochi"]],
  ["Indore", "Madhya Pradesh", "23", "MP", "452", ["Vijay Nagar", "Palasia", "Rajwada"]],
  ["Ludhiana", "Punjab", "03", "PB", "141", ["Model Town", "Sarabha Nagar", "Civil Lines"]],
  ["Bhubaneswar", "Odisha", "21", "OD", "751", ["Saheed Nagar", "Patia", "Nayapalli"]],
];

export const PLACES: readonly Place[] = PLACE_ROWS.map(
  ([city, state, gstCode, rtoCode, pinPrefix, localities]) => ({
    city,
    state,
    gstCode,
    rtoCode,
    pinPrefix,
    localities,
  }),
);

export const MALE_NAMES = [
  "Ravi",
  "Suresh",
  "Amit",
  "Rajesh",
  "Manikandan",
  "Vikram",
  "Arjun",
  "Sanjay",
  "Prakash",
  "Anil",
  "Deepak",
  "Rahul",
  "Karthik",
  "Venkatesh",
  "Imran",
  "Harpreet",
  "Sandeep",
  "Mahesh",
  "Gopal",
  "Naveen",
] as const;
export const FEMALE_NAMES = [
  "Priya",
  "Anjali",
  "Lakshmi",
  "Sunita",
  "Kavya",
  "Deepa",
  "Meena",
  "Pooja",
  "Fatima",
  "Shalini",
  "Divya",
  "Rekha",
  "Neha",
  "Gurpreet",
  "Swati",
  "Asha",
] as const;
export const MIDDLE_NAMES = [
  "Kumar",
  "Prasad",
  "Chand",
  "Lal",
  "Mohan",
  "Nath",
  "Raj",
  "Devi",
  "Bai",
  "Rani",
] as const;
export const SURNAMES = [
  "Sharma",
  "Patel",
  "Reddy",
  "Iyer",
  "Nair",
  "Singh",
  "Deshpande",
  "Kulkarni",
  "Gupta",
  "Verma",
  "Menon",
  "Das",
  "Chatterjee",
  "Joshi",
  "Yadav",
  "Khan",
  "Pillai",
  "Shetty",
  "Agarwal",
  "Bhat",
  "Rao",
  "Mehta",
  "Jain",
  "Duraisamy",
] as const;

export const BUILDINGS = [
  "Sai Residency",
  "Shanti Apartments",
  "Green View Apartments",
  "Lotus Towers",
  "Krishna Niwas",
  "Ganga Heights",
  "Sunrise Enclave",
] as const;
export const STREETS = [
  "MG Road",
  "Station Road",
  "Gandhi Nagar Main Road",
  "Nehru Street",
  "Church Street",
  "Market Road",
  "Temple Street",
  "Link Road",
  "Ring Road",
] as const;
export const LANDMARKS = [
  "Community Hall",
  "Bus Stand",
  "Shiv Mandir",
  "Govt School",
  "Post Office",
  "Water Tank",
  "Railway Crossing",
] as const;

export const BANKS = [
  { prefix: "SBIN", name: "State Bank of India" },
  { prefix: "HDFC", name: "HDFC Bank" },
  { prefix: "ICIC", name: "ICICI Bank" },
  { prefix: "UTIB", name: "Axis Bank" },
  { prefix: "PUNB", name: "Punjab National Bank" },
  { prefix: "BARB", name: "Bank of Baroda" },
  { prefix: "KKBK", name: "Kotak Mahindra Bank" },
  { prefix: "CNRB", name: "Canara Bank" },
  { prefix: "UBIN", name: "Union Bank of India" },
  { prefix: "IDIB", name: "Indian Bank" },
] as const;

export const DEALERS = [
  "Shree Ganesh Electronics",
  "Vijay Sales Point",
  "Sai Mobile World",
  "Krishna Home Appliances",
  "Balaji Digital Store",
  "New Bharat Electronics",
  "Royal Mobiles",
  "Lakshmi Agencies",
] as const;

export const PRODUCTS = [
  { name: "Samsung Galaxy A35 5G (8GB/128GB)", price: 30999, phone: true },
  { name: "Vivo Y28 5G (6GB/128GB)", price: 15499, phone: true },
  { name: "Apple iPhone 15 (128GB)", price: 69900, phone: true },
  { name: "Redmi Note 13 Pro 5G (8GB/256GB)", price: 25999, phone: true },
  { name: "LG 260L Frost Free Refrigerator", price: 27490, phone: false },
  { name: "Sony Bravia 43 inch 4K LED TV", price: 45990, phone: false },
  { name: "Whirlpool 7kg Front Load Washing Machine", price: 29990, phone: false },
  { name: "Voltas 1.5 Ton 3 Star Split AC", price: 33490, phone: false },
] as const;

export const BUSINESS_NAMES = [
  "Sri Venkateswara Traders",
  "Annapurna Foods",
  "Maruti Auto Parts",
  "Green Leaf Enterprises",
  "Om Sai Textiles",
  "Kaveri Spices",
  "Bharat Hardware Stores",
  "Navkar Plastics",
] as const;
export const NATURES_OF_BUSINESS = [
  "Retail Trade",
  "Wholesale Trade",
  "Manufacturing",
  "Restaurant",
  "Repair Services",
  "Grocery Store",
] as const;
export const NIC_CODES = [
  "47190 - Other retail sale in non-specialized stores",
  "46900 - Non-specialised wholesale trade",
  "10792 - Manufacture of spices",
  "56101 - Restaurants without bars",
  "45200 - Maintenance and repair of motor vehicles",
  "13121 - Weaving of cotton fabric",
] as const;

/** Constitution of business and the PAN holder-type letter it implies. */
export const CONSTITUTIONS = [
  { name: "Proprietorship", panType: "P" },
  { name: "Partnership", panType: "F" },
  { name: "Private Limited Company", panType: "C" },
  { name: "Limited Liability Partnership", panType: "F" },
] as const;
