//! Built-in tables that drive the synthetic GED generator.
//!
//! Everything here is invented for benchmarking except the public facts it is
//! shaped on: GED country names and Gleditsch–Ward codes, rough bounding boxes of
//! where events occur, and very rough relative event counts per country.

/// One country of the synthetic event table.
#[derive(Debug, Clone, Copy)]
pub struct CountrySpec {
    /// Country name as GED spells it (`country` column).
    pub name: &'static str,
    /// Three-letter prefix used in `relid` (e.g. `SYR-2013-1-11973-99`).
    pub code: &'static str,
    /// Gleditsch–Ward code (`country_id`).
    pub gw: u16,
    /// Relative number of events (roughly proportional to GED event counts).
    pub weight: u32,
    /// Longitude box `(min, max)` in degrees; coordinates are drawn inside it.
    pub lon: (f64, f64),
    /// Latitude box `(min, max)` in degrees.
    pub lat: (f64, f64),
    /// First and last year with events.
    pub years: (u16, u16),
    /// Relative shares of `type_of_violence` 1, 2 and 3.
    pub tov: [u16; 3],
    /// Government actor (`side_a` of state-based dyads).
    pub gov: &'static str,
    /// Opponents of the government in state-based (type 1) dyads.
    pub rebels: &'static [&'static str],
    /// Non-state groups; consecutive pairs form type 2 dyads.
    pub groups: &'static [&'static str],
    /// First-level administrative units (`adm_1`).
    pub adm1: &'static [&'static str],
    /// Optional interstate opponent: (government actor, GW code, first year).
    pub interstate: Option<(&'static str, u16, u16)>,
}

/// UCDP region of a GW code (METHODS.md §2).
pub fn region_of(gw: u16) -> &'static str {
    match gw {
        2..=199 => "Americas",
        200..=399 => "Europe",
        400..=626 => "Africa",
        630..=699 => "Middle East",
        _ => "Asia",
    }
}

const D: [u16; 3] = [60, 20, 20];

macro_rules! c {
    ($name:expr, $code:expr, $gw:expr, $w:expr, ($x0:expr, $x1:expr), ($y0:expr, $y1:expr), ($a:expr, $b:expr),
     $tov:expr, $gov:expr, $rebels:expr, $groups:expr, $adm1:expr $(, $inter:expr)?) => {
        CountrySpec {
            name: $name,
            code: $code,
            gw: $gw,
            weight: $w,
            lon: ($x0, $x1),
            lat: ($y0, $y1),
            years: ($a, $b),
            tov: $tov,
            gov: $gov,
            rebels: $rebels,
            groups: $groups,
            adm1: $adm1,
            interstate: c!(@inter $($inter)?),
        }
    };
    (@inter) => { None };
    (@inter $i:expr) => { Some($i) };
}

/// The built-in country table (44 countries).
#[rustfmt::skip]
pub static COUNTRIES: &[CountrySpec] = &[
    c!("Syria", "SYR", 652, 550, (35.7, 42.4), (32.3, 37.3), (2011, 2024), [65, 20, 15],
       "Government of Syria", &["Syrian insurgents", "IS", "Hay'at Tahrir al-Sham"], &["SDF", "SNA", "IS"],
       &["Idlib governorate", "Aleppo governorate", "Dayr al Zor governorate", "Dar'a governorate", "Rif Dimashq governorate", "Hamah governorate"]),
    c!("Afghanistan", "AFG", 700, 600, (60.5, 74.9), (29.4, 38.5), (1989, 2024), [80, 5, 15],
       "Government of Afghanistan", &["Taleban", "IS", "Hizb-i Islami-yi Afghanistan"], &["Taleban", "IS"],
       &["Helmand province", "Kandahar province", "Nangarhar province", "Ghazni province", "Kunduz province", "Faryab province"]),
    c!("Iraq", "IRQ", 645, 200, (38.8, 48.6), (29.1, 37.4), (1989, 2024), D,
       "Government of Iraq", &["IS", "Al-Mahdi Army", "PUK"], &["IS", "Ansar al-Islam"],
       &["Ninawa governorate", "Al Anbar governorate", "Baghdad governorate", "Salah ad Din governorate", "Diyala governorate"]),
    c!("Somalia", "SOM", 520, 160, (41.0, 51.4), (-1.7, 12.0), (1989, 2024), D,
       "Government of Somalia", &["Al-Shabaab", "USC/SNA", "ARS/UIC"], &["Al-Shabaab", "Ahlu Sunna Wal Jama'a", "Hawiye clan militia"],
       &["Banaadir region", "Lower Shabelle region", "Middle Juba region", "Bay region", "Hiiraan region"]),
    c!("DR Congo (Zaire)", "DRC", 490, 130, (12.2, 31.3), (-13.5, 5.4), (1989, 2024), [45, 20, 35],
       "Government of DR Congo (Zaire)", &["M23", "ADF", "CNDP", "AFDL"], &["CODECO", "Nyatura", "Mai-Mai Yakutumba"],
       &["Nord-Kivu province", "Sud-Kivu province", "Ituri province", "Tanganyika province", "Kasai-Central province"]),
    c!("Nigeria", "NIG", 475, 120, (2.7, 14.7), (4.3, 13.9), (1989, 2024), [40, 30, 30],
       "Government of Nigeria", &["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "IS", "MEND"], &["Fulani", "Tiv", "Berom"],
       &["Borno state", "Zamfara state", "Kaduna state", "Plateau state", "Benue state", "Rivers state"]),
    c!("Mexico", "MEX", 70, 190, (-117.1, -86.7), (14.5, 32.7), (1994, 2024), [1, 95, 4],
       "Government of Mexico", &["EZLN", "EPR"], &["Sinaloa Cartel", "Jalisco Cartel New Generation", "Los Zetas", "Gulf Cartel", "Tijuana Cartel"],
       &["Guerrero state", "Michoacan state", "Sinaloa state", "Chihuahua state", "Tamaulipas state", "Guanajuato state"]),
    c!("Myanmar (Burma)", "MYA", 775, 80, (92.2, 101.2), (9.8, 28.5), (1989, 2024), [70, 10, 20],
       "Government of Myanmar (Burma)", &["KNU", "KIO", "PDF", "Arakan Army"], &["UWSA", "TNLA", "RCSS"],
       &["Kachin state", "Kayin state", "Rakhine state", "Sagaing region", "Shan state"]),
    c!("Ukraine", "UKR", 369, 200, (22.1, 40.2), (44.4, 52.4), (2014, 2024), [90, 0, 10],
       "Government of Ukraine", &["DPR", "LPR"], &[],
       &["Donetsk oblast", "Luhansk oblast", "Kharkiv oblast", "Zaporizhzhia oblast", "Kherson oblast"],
       ("Government of Russia (Soviet Union)", 365, 2022)),
    c!("Colombia", "COL", 100, 90, (-79.0, -66.9), (-4.2, 12.5), (1989, 2024), D,
       "Government of Colombia", &["FARC", "ELN", "EPL"], &["Clan del Golfo", "ELN", "FARC dissidents"],
       &["Antioquia department", "Cauca department", "Norte de Santander department", "Meta department", "Narino department"]),
    c!("India", "IND", 750, 140, (68.1, 97.4), (6.7, 35.5), (1989, 2024), [60, 15, 25],
       "Government of India", &["Kashmir insurgents", "CPI-Maoist", "ULFA", "NSCN-IM"], &["Kuki", "Meitei", "Naga"],
       &["Jammu and Kashmir state", "Chhattisgarh state", "Manipur state", "Assam state", "Jharkhand state"]),
    c!("Pakistan", "PAK", 770, 130, (60.9, 77.8), (23.7, 37.1), (1989, 2024), D,
       "Government of Pakistan", &["TTP", "BLA", "MQM"], &["Lashkar-e-Jhangvi", "Sipah-e-Muhammad Pakistan"],
       &["Khyber Pakhtunkhwa province", "Balochistan province", "Sindh province", "Punjab province"]),
    c!("Sudan", "SUD", 625, 60, (21.8, 38.6), (8.7, 22.0), (1989, 2024), D,
       "Government of Sudan", &["SPLM/A", "JEM", "SLM/A", "RSF"], &["Misseriya", "Rizeigat Abbala", "Falata"],
       &["North Darfur state", "West Darfur state", "South Kordofan state", "Khartoum state", "Blue Nile state"]),
    c!("Ethiopia", "ETH", 530, 50, (33.0, 48.0), (3.4, 14.9), (1989, 2024), D,
       "Government of Ethiopia", &["TPLF", "OLA", "ONLF", "Fano"], &["Oromo", "Somali (Ethiopia)"],
       &["Tigray region", "Amhara region", "Oromia region", "Somali region"]),
    c!("Yemen (North Yemen)", "YEM", 678, 90, (42.5, 53.1), (12.1, 19.0), (1989, 2024), D,
       "Government of Yemen (North Yemen)", &["Ansarallah", "AQAP", "STC"], &["STC", "AQAP"],
       &["Marib governorate", "Taizz governorate", "Al Hudaydah governorate", "Sa'dah governorate", "Abyan governorate"]),
    c!("Philippines", "PHI", 840, 70, (116.9, 126.6), (4.6, 21.1), (1989, 2024), [75, 10, 15],
       "Government of Philippines", &["CPP", "MILF", "ASG", "BIFM"], &["MILF", "MNLF"],
       &["Maguindanao province", "Sulu province", "Basilan province", "Lanao del Sur province", "Samar province"]),
    c!("Turkey", "TUR", 640, 60, (26.0, 44.8), (35.8, 42.1), (1989, 2024), [90, 0, 10],
       "Government of Turkey", &["PKK"], &[],
       &["Sirnak province", "Hakkari province", "Diyarbakir province", "Mardin province"]),
    c!("Algeria", "ALG", 615, 50, (-8.7, 12.0), (19.0, 37.1), (1991, 2024), D,
       "Government of Algeria", &["AIS", "GIA", "AQIM"], &["GIA", "AIS"],
       &["Medea province", "Blida province", "Ain Defla province", "Tizi Ouzou province"]),
    c!("Sri Lanka", "SRI", 780, 50, (79.6, 81.9), (5.9, 9.9), (1989, 2009), [75, 5, 20],
       "Government of Sri Lanka", &["LTTE", "JVP"], &["LTTE", "TMVP"],
       &["Northern province", "Eastern province", "North Central province"]),
    c!("Nepal", "NEP", 790, 20, (80.0, 88.2), (26.3, 30.4), (1996, 2006), [80, 0, 20],
       "Government of Nepal", &["CPN-M"], &[],
       &["Mid-Western region", "Western region", "Far-Western region"]),
    c!("Burkina Faso", "BFO", 439, 30, (-5.5, 2.4), (9.4, 15.1), (2015, 2024), D,
       "Government of Burkina Faso", &["JNIM", "IS Sahel"], &["JNIM", "IS Sahel", "Koglweogo"],
       &["Sahel region", "Nord region", "Est region", "Centre-Nord region", "Boucle du Mouhoun region"]),
    c!("Mali", "MLI", 432, 30, (-12.2, 4.3), (10.1, 25.0), (1990, 2024), D,
       "Government of Mali", &["JNIM", "IS Sahel", "CMA", "MNLA"], &["JNIM", "IS Sahel", "Dan Na Ambassagou"],
       &["Mopti region", "Gao region", "Timbuktu region", "Kidal region", "Segou region"]),
    c!("Brazil", "BRA", 140, 30, (-74.0, -34.8), (-33.8, 5.3), (1989, 2024), [0, 90, 10],
       "Government of Brazil", &[], &["Comando Vermelho", "PCC", "Familia do Norte"],
       &["Rio de Janeiro state", "Ceara state", "Amazonas state", "Pernambuco state", "Bahia state"]),
    c!("Cameroon", "CAO", 471, 30, (8.5, 16.2), (1.6, 13.1), (2013, 2024), [60, 5, 35],
       "Government of Cameroon", &["Ambazonian separatists", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"], &["Fulani", "Ambazonian separatists"],
       &["Far North region", "North-West region", "South-West region"]),
    c!("Russia (Soviet Union)", "RUS", 365, 50, (36.0, 48.6), (41.2, 47.0), (1994, 2024), [85, 0, 15],
       "Government of Russia (Soviet Union)", &["Republic of Chechnya (Ichkeria)", "Forces of the Caucasus Emirate", "IS"], &[],
       &["Chechnya republic", "Dagestan republic", "Ingushetia republic", "Kabardino-Balkaria republic", "Belgorod oblast"]),
    c!("Israel", "ISR", 666, 50, (34.2, 35.9), (29.5, 33.3), (1989, 2024), [70, 5, 25],
       "Government of Israel", &["Hamas", "PIJ", "Fatah", "Hezbollah"], &["Hamas", "Fatah"],
       &["Gaza Strip", "West Bank", "Northern district", "Southern district", "Jerusalem district"]),
    c!("Libya", "LIB", 620, 20, (9.3, 25.2), (19.5, 33.2), (2011, 2024), D,
       "Government of Libya", &["NTC", "IS", "Forces of Khalifa al-Haftar"], &["Misrata brigades", "Zintan brigades"],
       &["Tripoli district", "Benghazi district", "Misrata district", "Sirte district"]),
    c!("South Sudan", "SSD", 626, 30, (24.1, 35.9), (3.5, 12.2), (2011, 2024), [40, 35, 25],
       "Government of South Sudan", &["SPLM/A In Opposition", "SSDM/A"], &["Dinka", "Nuer", "Murle"],
       &["Jonglei state", "Unity state", "Upper Nile state", "Central Equatoria state"]),
    c!("Central African Republic", "CEN", 482, 25, (14.4, 27.5), (2.2, 11.0), (2001, 2024), [40, 30, 30],
       "Government of Central African Republic", &["Seleka", "UPC", "3R", "CPC"], &["Anti-balaka", "FPRC", "UPC"],
       &["Ouaka prefecture", "Haute-Kotto prefecture", "Ouham prefecture", "Nana-Grebizi prefecture"]),
    c!("Burundi", "BUI", 516, 20, (29.0, 30.9), (-4.5, -2.3), (1989, 2024), D,
       "Government of Burundi", &["Palipehutu-FNL", "CNDD-FDD"], &["Palipehutu-FNL", "CNDD-FDD"],
       &["Bujumbura Rurale province", "Cibitoke province", "Bubanza province"]),
    c!("Uganda", "UGA", 500, 20, (29.6, 35.0), (-1.5, 4.2), (1989, 2024), D,
       "Government of Uganda", &["LRA", "ADF"], &["Karimojong", "Pokot"],
       &["Gulu district", "Kitgum district", "Kasese district", "Moroto district"]),
    c!("Kenya", "KEN", 501, 15, (33.9, 41.9), (-4.7, 5.0), (1989, 2024), [10, 60, 30],
       "Government of Kenya", &["Al-Shabaab"], &["Pokot", "Turkana", "Kikuyu", "Kalenjin"],
       &["Mandera county", "Lamu county", "Garissa county", "Baringo county"]),
    c!("Mozambique", "MOZ", 541, 20, (30.2, 40.8), (-26.9, -10.5), (1989, 2024), [70, 0, 30],
       "Government of Mozambique", &["Renamo", "IS"], &[],
       &["Cabo Delgado province", "Sofala province", "Zambezia province"]),
    c!("Bosnia-Herzegovina", "BOS", 346, 30, (15.7, 19.6), (42.6, 45.3), (1992, 1995), [75, 5, 20],
       "Government of Bosnia-Herzegovina", &["Serbian Republic of Bosnia-Herzegovina", "Croatian Republic of Bosnia-Herzegovina"], &[],
       &["Federation of Bosnia and Herzegovina", "Republika Srpska"]),
    c!("Egypt", "EGY", 651, 15, (24.7, 36.9), (22.0, 31.7), (1992, 2024), [85, 0, 15],
       "Government of Egypt", &["al-Gama'a al-Islamiyya", "IS"], &[],
       &["North Sinai governorate", "Asyut governorate", "Al Minya governorate"]),
    c!("Niger", "NIR", 436, 15, (0.2, 16.0), (11.7, 23.5), (1990, 2024), D,
       "Government of Niger", &["IS Sahel", "JNIM", "MNJ"], &["IS Sahel", "JNIM"],
       &["Tillaberi region", "Diffa region", "Tahoua region"]),
    c!("Lebanon", "LEB", 660, 10, (35.1, 36.6), (33.1, 34.7), (1989, 2024), D,
       "Government of Lebanon", &["Fatah al-Islam", "Lebanese Army (Aoun)"], &["Amal", "Hezbollah"],
       &["North governorate", "South governorate", "Beirut governorate"]),
    c!("Rwanda", "RWA", 517, 10, (28.9, 30.9), (-2.8, -1.1), (1990, 2002), [40, 0, 60],
       "Government of Rwanda", &["FPR", "FDLR"], &[],
       &["Ruhengeri prefecture", "Gisenyi prefecture", "Kigali-Rural prefecture"]),
    c!("Angola", "ANG", 540, 15, (11.7, 24.1), (-18.0, -4.4), (1989, 2002), [80, 0, 20],
       "Government of Angola", &["UNITA", "FLEC-R"], &[],
       &["Bie province", "Huambo province", "Malanje province", "Lunda Sul province"]),
    c!("Sierra Leone", "SIE", 451, 10, (-13.3, -10.3), (6.9, 10.0), (1991, 2001), D,
       "Government of Sierra Leone", &["RUF", "AFRC"], &["RUF", "Kamajors"],
       &["Eastern province", "Northern province", "Southern province"]),
    c!("Thailand", "THI", 800, 15, (97.3, 105.6), (5.6, 20.5), (2003, 2024), [70, 0, 30],
       "Government of Thailand", &["Patani insurgents"], &[],
       &["Narathiwat province", "Pattani province", "Yala province"]),
    c!("Indonesia", "INS", 850, 10, (95.0, 141.0), (-11.0, 6.0), (1989, 2024), D,
       "Government of Indonesia", &["Fretilin", "GAM", "OPM"], &["Dayak", "Madurese"],
       &["Aceh province", "Papua province", "Maluku province"]),
    c!("South Africa", "SAF", 560, 30, (16.5, 32.9), (-34.8, -22.1), (1989, 1999), [15, 65, 20],
       "Government of South Africa", &["ANC"], &["ANC", "IFP"],
       &["KwaZulu-Natal province", "Gauteng province", "Eastern Cape province"]),
    c!("Chad", "CHA", 483, 10, (13.5, 24.0), (7.4, 23.5), (1989, 2024), D,
       "Government of Chad", &["MDJT", "UFR", "FACT"], &["Zaghawa", "Tama"],
       &["Lac province", "Ouaddai province", "Tibesti province"]),
];

/// Relative number of events per year 1989..=2024 (index 0 = 1989), shaped on GED:
/// flat in the 1990s–2000s, a peak 2013–2016, and the highest counts 2022–2024.
pub static YEAR_WEIGHTS: [u32; 36] = [
    5, 5, 6, 6, 7, 6, 5, 5, 5, 5, // 1989-1998
    6, 6, 5, 5, 5, 5, 5, 6, 7, 8, // 1999-2008
    8, 9, 10, 13, 16, 19, 19, 18, 16, 14, // 2009-2018
    14, 15, 16, 20, 23, 25, // 2019-2024
];

/// First year covered.
pub const FIRST_YEAR: u16 = 1989;
/// Last year covered.
pub const LAST_YEAR: u16 = 2024;

/// News sources by region (Africa, Americas, Asia, Europe, Middle East).
pub fn agencies(region: &str) -> &'static [&'static str] {
    match region {
        "Africa" => &[
            "Radio Okapi",
            "Reuters News",
            "Agence France Presse -- English",
            "Premium Times",
            "Garowe Online",
            "Sudan Tribune",
            "BBC Monitoring Africa",
            "Xinhua News Agency",
        ],
        "Americas" => &[
            "El Universal",
            "Reuters News",
            "Agence France Presse -- English",
            "El Tiempo",
            "Milenio",
            "Proceso",
            "Associated Press Newswires",
        ],
        "Asia" => &[
            "Pajhwok News",
            "BBC Monitoring South Asia",
            "Dawn",
            "The Hindu",
            "Xinhua News Agency",
            "PNA (Philippines News Agency)",
            "The Irrawaddy",
            "Agence France Presse -- English",
        ],
        "Europe" => &[
            "Kyiv Independent",
            "Reuters News",
            "BBC Monitoring Former Soviet Union",
            "Agence France Presse -- English",
            "Ukrainska Pravda",
            "Interfax",
        ],
        _ => &[
            "SOHR",
            "Agence France Presse -- English",
            "Reuters News",
            "BBC Monitoring Middle East",
            "Xinhua News Agency",
            "Al Jazeera",
            "Anadolu Agency",
        ],
    }
}

/// Values of `source_original`.
pub static ORIGINALS: &[&str] = &[
    "local sources",
    "police",
    "army statement",
    "military spokesman",
    "local officials",
    "witnesses",
    "medical sources",
    "Ministry of Defence",
    "residents",
    "provincial governor",
    "rebel spokesman",
    "hospital officials; police",
];

/// Syllables for invented place names.
pub static SYLLABLES: &[&str] = &[
    "ka", "ra", "bad", "al", "ma", "shi", "tun", "go", "lo", "dar", "ni", "ba", "sa", "mo", "kel",
    "an", "zu", "ri", "ho", "tam", "el", "ku", "wa", "di", "ser", "ya", "no", "bu", "ham", "ta",
    "le", "mi",
];

/// Headline templates per type of violence. Placeholders: `{N}` deaths, `{A}` side A,
/// `{B}` side B, `{P}` a place, `{R}` the `adm_1` unit, `{C}` the country.
pub static HEADLINES: [&[&str]; 3] = [
    &[
        "{N} killed as {A} forces clash with {B} fighters near {P}, {R}",
        "{A} says {N} {B} militants killed in military operation in {R}",
        "Clashes between army and {B} in {P} leave {N} dead, local officials say",
        "{C}: heavy fighting reported around {P}; {N} combatants killed over the past day",
        "Airstrikes target {B} positions near {P} in {R}, killing {N}, security sources say",
    ],
    &[
        "{N} dead as {A} and {B} fight for control of {P}",
        "Rival armed groups clash in {R}: {A} and {B} exchange fire near {P}, {N} killed",
        "Fighting between {A} and {B} militias claims {N} lives in {P} area",
        "{C}: {N} bodies found after clashes between {A} and {B} in {R}",
    ],
    &[
        "{A} gunmen kill {N} civilians in attack on {P} village, {R}",
        "{N} villagers killed in overnight raid on {P}, residents blame {A}",
        "Massacre in {P}: {N} civilians dead, survivors accuse {A}",
        "{C}: attack on market in {P} leaves {N} civilians dead, {R} officials say",
    ],
];
