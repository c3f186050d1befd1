//! The demonstration dossier: a complete, fictional "Convention citoyenne pour le
//! climat" of a city like Grenoble. Deterministic: the same records and ids on every
//! run (the convention is id 1, its first meeting id 1), so tests and scripts can name
//! them. Every person is invented.

use chrono::{NaiveDate, NaiveTime};

use super::{DrawRequest, Prepared, Store, StoreError, Tx};
use crate::domain::codes::*;
use crate::domain::contact::{Consent, Contact};
use crate::domain::convention::{Convention, Phase, Session};
use crate::domain::funding::Call;
use crate::domain::ids::*;
use crate::domain::meeting::{Action, AgendaItem, Decision, Meeting};
use crate::domain::planning::{BudgetLine, Risk, Task};
use crate::domain::proposal::{Answer, Proposal};
use crate::domain::sortition::portfolio::{self, Algorithm, Choice, Portfolio};
use crate::domain::sortition::{Quota, Volunteer, lottery, reserves};
use crate::domain::text::slug;

/// A meeting to create: kind, title, date, start, end, venue, session index.
type Slot = (
    MeetingKind,
    String,
    NaiveDate,
    NaiveTime,
    NaiveTime,
    String,
    Option<usize>,
);

/// What the demo created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub convention: ConventionId,
    pub contacts: u32,
    pub volunteers: u32,
    pub meetings: u32,
    pub proposals: u32,
}

/// SplitMix64: small, fixed, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Picks an index with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = (self.next() % u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const WOMEN: &[&str] = &[
    "Hélène",
    "Camille",
    "Léa",
    "Chloé",
    "Manon",
    "Inès",
    "Sarah",
    "Emma",
    "Louise",
    "Jeanne",
    "Nathalie",
    "Sophie",
    "Isabelle",
    "Martine",
    "Françoise",
    "Yasmina",
    "Fatou",
    "Amina",
    "Lucie",
    "Élodie",
    "Aurélie",
    "Mélanie",
    "Christine",
    "Monique",
    "Josiane",
    "Nadia",
    "Leïla",
    "Agnès",
    "Margaux",
    "Zoé",
];
const MEN: &[&str] = &[
    "Thomas",
    "Nicolas",
    "Julien",
    "Maxime",
    "Lucas",
    "Hugo",
    "Karim",
    "Mehdi",
    "Mamadou",
    "Pierre",
    "Jean",
    "Michel",
    "Philippe",
    "Alain",
    "Bernard",
    "Gérard",
    "François",
    "Sébastien",
    "Antoine",
    "Romain",
    "Yanis",
    "Théo",
    "Rachid",
    "Olivier",
    "Éric",
    "Laurent",
    "Bruno",
    "Joël",
    "Rémi",
    "Noé",
];
const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Bonnet",
    "Fontaine",
    "Chevalier",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Faure",
    "André",
    "Mercier",
    "Garnier",
    "Perrin",
    "Morel",
    "Benali",
    "Haddad",
    "Diallo",
    "Nguyen",
    "Ferreira",
    "Da Silva",
    "Roux",
    "Vincent",
    "Fournier",
    "Lambert",
    "Bonnard",
    "Chabert",
    "Ravanel",
    "Jacquier",
    "Berthet",
    "Collomb",
    "Vallier",
    "Gaillard",
    "Reynaud",
    "Pellissier",
    "Jouvin",
    "Brunet",
    "Arnaud",
    "Mazet",
    "Ollivier",
    "Besson",
    "Carrel",
    "Dumas",
    "Rey",
    "Sibille",
];
/// Neighbourhoods and a street per sector (Grenoble's six sectors).
const SECTORS: &[(Sector, &[&str], &str, &str)] = &[
    (
        Sector::S1,
        &["Berriat", "Saint-Bruno", "Europole"],
        "rue Nicolas Chorier",
        "38000",
    ),
    (
        Sector::S2,
        &["Centre-ville", "Championnet", "Notre-Dame"],
        "rue Lafayette",
        "38000",
    ),
    (
        Sector::S3,
        &["Eaux-Claires", "Mistral", "Rondeau"],
        "rue des Eaux-Claires",
        "38100",
    ),
    (
        Sector::S4,
        &["Île Verte", "Alliés-Alpins", "Capuche"],
        "avenue Jeanne d'Arc",
        "38100",
    ),
    (
        Sector::S5,
        &["Teisseire", "Malherbe", "Abbaye"],
        "avenue Jean Perrot",
        "38100",
    ),
    (
        Sector::S6,
        &["Villeneuve", "Village Olympique", "Vigny-Musset"],
        "galerie de l'Arlequin",
        "38100",
    ),
];
const AGE_BANDS: &[&str] = &[
    "16-29 ans",
    "30-44 ans",
    "45-59 ans",
    "60-74 ans",
    "75 ans et plus",
];
const DIPLOMAS: &[&str] = &[
    "Sans diplôme",
    "CAP-BEP",
    "Baccalauréat",
    "Bac+2",
    "Bac+3 et plus",
];
const CSPS: &[&str] = &[
    "Employé·e",
    "Ouvrier·e",
    "Profession intermédiaire",
    "Cadre",
    "Retraité·e",
    "Étudiant·e",
    "Sans activité professionnelle",
    "Artisan, commerçant·e",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("demo dates are valid")
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("demo times are valid")
}

/// A person of the demo.
struct Person {
    first: String,
    last: String,
    woman: bool,
    sector: usize,
    age: usize,
    diploma: usize,
    csp: usize,
}

impl Person {
    fn random(rng: &mut Rng) -> Person {
        let woman = rng.below(2) == 0;
        let first = rng.pick(if woman { WOMEN } else { MEN }).to_string();
        // Volunteer pools skew older, more diplomas, some sectors over-represented.
        let age = rng.weighted(&[14, 20, 24, 27, 15]);
        let sector = rng.weighted(&[14, 26, 12, 20, 16, 12]);
        let diploma = rng.weighted(&[6, 10, 17, 20, 47]);
        let csp = if age == 4 || (age == 3 && rng.below(2) == 0) {
            4
        } else if age == 0 && rng.below(2) == 0 {
            5
        } else {
            [0, 1, 2, 3, 6, 7][rng.weighted(&[26, 10, 24, 28, 6, 6])]
        };
        Person {
            first,
            last: rng.pick(SURNAMES).to_string(),
            woman,
            sector,
            age,
            diploma,
            csp,
        }
    }

    fn contact(&self, rng: &mut Rng, kind: ContactKind) -> Contact {
        /// Interests noted at the forums, as tags.
        const INTERESTS: [&[&str]; 6] = [
            &["jardins partagés"],
            &["mobilités", "vélo"],
            &[],
            &["alimentation"],
            &[],
            &["rénovation énergétique", "mobilités"],
        ];
        let (sector, hoods, street, postal) = SECTORS[self.sector];
        Contact {
            kind,
            civility: if self.woman { "Mme" } else { "M." }.into(),
            first_name: self.first.clone(),
            last_name: self.last.clone(),
            email: format!("{}.{}@exemple.fr", slug(&self.first), slug(&self.last)),
            phone: format!(
                "06 {:02} {:02} {:02} {:02}",
                rng.below(100),
                rng.below(100),
                rng.below(100),
                rng.below(100)
            ),
            address: format!("{} {street}", 1 + rng.below(80)),
            postal_code: postal.into(),
            city: "Grenoble".into(),
            sector: Some(sector),
            neighbourhood: rng.pick(hoods).into(),
            gender: if self.woman { "Femme" } else { "Homme" }.into(),
            age_band: AGE_BANDS[self.age].into(),
            csp: CSPS[self.csp].into(),
            diploma: DIPLOMAS[self.diploma].into(),
            tags: INTERESTS[(self.sector + self.age) % INTERESTS.len()]
                .iter()
                .map(|t| t.to_string())
                .collect(),
            ..Contact::default()
        }
    }

    fn volunteer(&self, n: usize) -> Volunteer {
        Volunteer {
            pseudonym: format!("V-{n:04}"),
            attributes: vec![
                ("diplôme".into(), DIPLOMAS[self.diploma].into()),
                (
                    "genre".into(),
                    if self.woman { "Femme" } else { "Homme" }.into(),
                ),
                ("secteur".into(), SECTORS[self.sector].0.label().into()),
                ("âge".into(), AGE_BANDS[self.age].into()),
            ],
        }
    }
}

fn quotas() -> Vec<Quota> {
    let q = |c: &str, v: &str, min, max| Quota {
        criterion: c.into(),
        value: v.into(),
        min,
        max,
    };
    let mut out = vec![q("genre", "Femme", 19, 21), q("genre", "Homme", 19, 21)];
    // Grenoble's age structure from 15 years on, rounded (INSEE 2023).
    for (band, (min, max)) in AGE_BANDS
        .iter()
        .zip([(12, 14), (9, 11), (6, 8), (5, 7), (3, 5)])
    {
        out.push(q("âge", band, min, max));
    }
    for (sector, ..) in SECTORS {
        out.push(q("secteur", sector.label(), 6, 7));
    }
    for (diploma, (min, max)) in DIPLOMAS
        .iter()
        .zip([(4, 7), (6, 9), (7, 10), (6, 9), (9, 13)])
    {
        out.push(q("diplôme", diploma, min, max));
    }
    out
}

/// The seed of the demo's recorded draw.
const DEMO_SEED: &str = "climat-2026-10-01";

/// The demo's lottery: LEGACY's 1,000 panels (quick to compute; the window prepares
/// LEXIMIN), the panel the recorded seed picks and 8 reserves, as pool indices.
fn demo_lottery(
    pool: &[Volunteer],
    quotas: &[Quota],
) -> Result<(Portfolio, f64, Vec<usize>, Vec<usize>), StoreError> {
    let started = std::time::Instant::now();
    let (portfolio, inst) = portfolio::prepare(pool, quotas, 40, Algorithm::Legacy, |_| true)
        .map_err(|e| StoreError::BadValue(format!("loterie de démonstration : {e}")))?;
    let seconds = started.elapsed().as_secs_f64();
    let number = lottery::number_from_seed(DEMO_SEED);
    let index = |id: &String| {
        inst.position(id)
            .expect("the portfolio's ids come from the pool")
    };
    let members = portfolio.panels[number].iter().map(index).collect();
    let reserves = reserves::reserves(&portfolio.panels, number, 8)
        .iter()
        .map(index)
        .collect();
    Ok((portfolio, seconds, members, reserves))
}

impl Store {
    /// Builds the demonstration dossier in an empty store.
    pub fn load_demo(&mut self) -> Result<DemoSummary, StoreError> {
        if !self.is_empty()? {
            return Err(StoreError::Refused(
                "le dossier de démonstration ne se charge que dans une base vide".into(),
            ));
        }
        let summary = self.write(build)?;
        self.save_experience_note(
            crate::domain::experience::Subject::Convention(summary.convention),
            &demo_experience(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        )?;
        self.load_demo_charter()?;
        let mut settings = self.settings()?;
        settings.welcomed = true;
        self.save_settings(&settings)?;
        self.apply_retention_policy()?;
        Ok(summary)
    }
}

/// The climate convention's fiche d'expérience, as the mission drafted it mid-way.
fn demo_experience() -> crate::domain::experience::ExperienceNote {
    crate::domain::experience::ExperienceNote {
        context: "Saisie par le Maire après la délibération du 15 juin 2026, la convention répond à l’engagement de réduire de moitié les émissions de la ville d’ici 2030. C’est la première convention grenobloise à indemniser ses membres et à tirer au sort dans un vivier de volontaires.".into(),
        objectives: "Faire rédiger par un panel représentatif des habitant·es des propositions applicables par la Ville, justes et acceptées ; obtenir une réponse publique de la Ville à chacune dans les six mois.".into(),
        method: "Tirage au sort en deux temps (invitations sur les listes, puis tirage dans le vivier avec des quotas de genre, d’âge, de secteur et de diplôme), six séances plénières avec auditions d’expert·es, deux ateliers ouverts, un garant indépendant.".into(),
        worked: "- Les séances du samedi, avec garde d’enfants, ont gardé un taux de présence au-dessus de 90 %.\n- Les auditions contradictoires ont été citées par les membres comme le moment où leur avis a changé.".into(),
        change: "- Prévoir plus tôt le budget des indemnités : le premier versement a pris un mois de retard.\n- Associer les directions dès la séance 2, pas seulement à la restitution.".into(),
        updated_on: None,
    }
}

fn build(tx: &Tx<'_>) -> Result<DemoSummary, StoreError> {
    let mut rng = Rng(0x4147_4F52_2026);
    let contacts = std::cell::Cell::new(0u32);
    // Namesakes are different people: each gets an address of their own.
    let emails = std::cell::RefCell::new(std::collections::HashSet::new());
    let add = |tx: &Tx<'_>, c: &Contact| -> Result<ContactId, StoreError> {
        contacts.set(contacts.get() + 1);
        let mut c = c.clone();
        let mut n = 1;
        while !c.email.is_empty() && !emails.borrow_mut().insert(c.email.clone()) {
            n += 1;
            let (user, domain) = c.email.split_once('@').unwrap_or((&c.email, ""));
            c.email = format!("{}{n}@{domain}", user.trim_end_matches(char::is_numeric));
        }
        tx.insert_contact(&c)
    };

    // The convention.
    let conv = tx.insert_convention(&Convention {
        theme: "Climat et transition écologique".into(),
        status: ConventionStatus::Deliberation,
        participation: ParticipationKind::CoConstruction,
        mandate_from: "Le Maire, sur délibération du conseil municipal du 15 juin 2026".into(),
        question: "Comment la ville peut-elle réduire de moitié ses émissions de gaz à effet de serre d'ici 2030, \
                   de façon juste et acceptée par toutes et tous ?"
            .into(),
        commitment: "La Ville répondra publiquement à chaque proposition dans les six mois, soumettra au conseil \
                     municipal celles qui relèvent de sa compétence et rendra compte chaque année de leur mise en œuvre."
            .into(),
        elected_official: "Claire Valette, adjointe à la démocratie locale (fictive)".into(),
        target_panel_size: 40,
        budget_envelope_cents: 18_500_000,
        start_date: Some(d(2026, 9, 1)),
        end_date: Some(d(2027, 6, 30)),
        synthesis_text: "La convention est entrée dans sa phase de délibération. La participation reste élevée \
                         (plus de neuf membres sur dix à chaque séance) et le comité de pilotage a validé les \
                         quatre axes de travail. Point d'attention : la mobilisation des 16-29 ans, en léger recul \
                         depuis la troisième séance ; un atelier dédié est prévu en décembre."
            .into(),
        ..Convention::draft("Convention citoyenne pour le climat")
    })?;

    // Calendar.
    let phases = [
        ("Appropriation", d(2026, 9, 1), d(2026, 11, 8)),
        ("Délibération", d(2026, 11, 9), d(2027, 1, 31)),
        (
            "Harmonisation et restitution",
            d(2027, 2, 1),
            d(2027, 3, 31),
        ),
    ];
    let mut phase_ids = Vec::new();
    for (i, (name, start, end)) in phases.iter().enumerate() {
        phase_ids.push(tx.insert_phase(&Phase {
            id: PhaseId(0),
            convention: conv,
            position: i as u32 + 1,
            name: (*name).into(),
            start_date: Some(*start),
            end_date: Some(*end),
        })?);
    }
    let sessions = [
        (
            0,
            "Séance 1 — Accueil et enjeux climatiques",
            d(2026, 10, 10),
            "Salle des fêtes de l'Hôtel de Ville",
        ),
        (
            0,
            "Séance 2 — Auditions : énergie et logement",
            d(2026, 10, 24),
            "Maison des habitants Chorier-Berriat",
        ),
        (
            1,
            "Séance 3 — Mobilités et espace public",
            d(2026, 11, 14),
            "Salle des fêtes de l'Hôtel de Ville",
        ),
        (
            1,
            "Séance 4 — Alimentation et consommation",
            d(2026, 12, 5),
            "Maison des habitants Teisseire-Malherbe",
        ),
        (
            1,
            "Séance 5 — Écriture des propositions",
            d(2027, 1, 16),
            "Salle des fêtes de l'Hôtel de Ville",
        ),
        (
            2,
            "Séance 6 — Vote et restitution",
            d(2027, 2, 6),
            "Salle du conseil municipal",
        ),
    ];
    let mut session_ids = Vec::new();
    for (phase, title, date, venue) in sessions {
        session_ids.push(
            tx.insert_session(&Session {
                id: SessionId(0),
                convention: conv,
                phase: Some(phase_ids[phase]),
                title: title.into(),
                date,
                start: t(9, 30),
                end: t(17, 0),
                venue: venue.into(),
                programme:
                    "Accueil café, plénière d'ouverture, travaux en groupes de dix, mise en commun."
                        .into(),
                kind: MeetingKind::Plenary,
            })?,
        );
    }

    // Organisations.
    let org = |name: &str, kind: ContactKind, sector: Option<Sector>, notes: &str| Contact {
        kind,
        is_organisation: true,
        organisation: name.into(),
        email: format!(
            "contact@{}.exemple.org",
            slug(name)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(18)
                .collect::<String>()
        ),
        city: "Grenoble".into(),
        sector,
        notes: notes.into(),
        ..Contact::default()
    };
    let mut unions = Vec::new();
    for (sector, hoods, ..) in SECTORS {
        unions.push(add(
            tx,
            &org(
                &format!("Union de quartier {}", hoods[0]),
                ContactKind::Association,
                Some(*sector),
                "Union de quartier, interlocutrice du secteur.",
            ),
        )?);
    }
    for name in [
        "Conseil citoyen indépendant Villeneuve – Village Olympique",
        "Conseil citoyen indépendant Mistral – Eaux-Claires",
        "Conseil citoyen indépendant Teisseire – Abbaye",
    ] {
        add(
            tx,
            &org(
                name,
                ContactKind::Association,
                None,
                "Conseil citoyen indépendant d'un quartier prioritaire.",
            ),
        )?;
    }
    for name in [
        "Vélo Alpes Solidaire",
        "Jardins partagés de l'Abbaye",
        "Repair café Saint-Bruno",
        "Collectif Énergie Citoyenne 38",
        "Association des familles de l'Arlequin",
        "Maison de l'écologie populaire",
        "Atelier de la transition alimentaire",
        "Amicale des locataires Mistral",
    ] {
        add(
            tx,
            &org(
                name,
                ContactKind::Association,
                None,
                "Association partenaire de la mobilisation.",
            ),
        )?;
    }
    let animation = add(
        tx,
        &org(
            "Coopérative Parlons-en (animation)",
            ContactKind::Partner,
            None,
            "Prestataire d'animation des séances.",
        ),
    )?;
    for name in [
        "Agence locale de l'énergie et du climat (fictive)",
        "Centre communal d'action sociale",
        "Université Grenoble Alpes — laboratoire fictif PACTE-Climat",
    ] {
        add(
            tx,
            &org(
                name,
                ContactKind::Partner,
                None,
                "Partenaire institutionnel.",
            ),
        )?;
    }
    add(
        tx,
        &org(
            "La Gazette des Alpes",
            ContactKind::Press,
            None,
            "Presse locale (fictive).",
        ),
    )?;

    // Named people of the governance.
    let named =
        |civ: &str, first: &str, last: &str, kind: ContactKind, organisation: &str, role: &str| {
            Contact {
                kind,
                civility: civ.into(),
                first_name: first.into(),
                last_name: last.into(),
                organisation: organisation.into(),
                role: role.into(),
                email: format!("{}.{}@exemple.fr", slug(first), slug(last)),
                phone: "04 76 00 00 00".into(),
                city: "Grenoble".into(),
                ..Contact::default()
            }
        };
    let helene = add(tx, &Contact {
        notes: "Très impliquée dans l'union de quartier ; souhaite être tenue informée des ateliers.".into(),
        neighbourhood: "Championnet".into(),
        sector: Some(Sector::S2),
        address: "12 rue Lafayette".into(),
        postal_code: "38000".into(),
        phone: "06 12 34 56 78".into(),
        gender: "Femme".into(),
        age_band: "45-59 ans".into(),
        ..named("Mme", "Hélène", "Martin", ContactKind::Inhabitant, "Union de quartier Centre-ville", "Bénévole")
    })?;
    tx.insert_membership(helene, unions[1], "Bénévole")?;
    let people = [
        (
            "Mme",
            "Claire",
            "Valette",
            ContactKind::Elected,
            "Ville de Grenoble",
            "Adjointe à la démocratie locale",
            Some(ConventionRole::Copil),
        ),
        (
            "M.",
            "Hervé",
            "Castel",
            ContactKind::Elected,
            "Ville de Grenoble",
            "Adjoint à la transition écologique",
            Some(ConventionRole::Copil),
        ),
        (
            "Mme",
            "Sonia",
            "Berrada",
            ContactKind::Elected,
            "Ville de Grenoble",
            "Conseillère municipale déléguée aux quartiers",
            None,
        ),
        (
            "Mme",
            "Pauline",
            "Giraud",
            ContactKind::Agent,
            "Mission Démocratie locale",
            "Chargée de mission",
            Some(ConventionRole::Copil),
        ),
        (
            "M.",
            "Yann",
            "Le Goff",
            ContactKind::Agent,
            "Direction de l'environnement",
            "Directeur",
            Some(ConventionRole::Copil),
        ),
        (
            "Mme",
            "Marion",
            "Teyssier",
            ContactKind::Agent,
            "Direction de la mobilité",
            "Cheffe de service",
            Some(ConventionRole::Copil),
        ),
        (
            "M.",
            "Farid",
            "Amrani",
            ContactKind::Agent,
            "Direction des territoires",
            "Responsable du secteur 6",
            None,
        ),
        (
            "Mme",
            "Anne",
            "Ribot",
            ContactKind::Guarantor,
            "Commission nationale du débat public (fictive)",
            "Garante",
            Some(ConventionRole::Guarantor),
        ),
        (
            "M.",
            "Paul",
            "Ferrand",
            ContactKind::Guarantor,
            "Université Grenoble Alpes",
            "Garant, professeur de science politique",
            Some(ConventionRole::Guarantor),
        ),
        (
            "Mme",
            "Lise",
            "Carrier",
            ContactKind::Partner,
            "Coopérative Parlons-en (animation)",
            "Facilitatrice",
            Some(ConventionRole::Facilitator),
        ),
        (
            "M.",
            "Victor",
            "Agostini",
            ContactKind::Partner,
            "Coopérative Parlons-en (animation)",
            "Facilitateur",
            Some(ConventionRole::Facilitator),
        ),
        (
            "Mme",
            "Juliette",
            "Morin",
            ContactKind::Expert,
            "Agence locale de l'énergie et du climat (fictive)",
            "Ingénieure énergie",
            Some(ConventionRole::Expert),
        ),
        (
            "M.",
            "Samuel",
            "Keller",
            ContactKind::Expert,
            "Laboratoire fictif PACTE-Climat",
            "Climatologue",
            Some(ConventionRole::Expert),
        ),
        (
            "Mme",
            "Aïcha",
            "Toumi",
            ContactKind::Expert,
            "Centre communal d'action sociale",
            "Précarité énergétique",
            Some(ConventionRole::Expert),
        ),
        (
            "M.",
            "Guillaume",
            "Perret",
            ContactKind::Expert,
            "Syndicat fictif des mobilités",
            "Urbaniste",
            Some(ConventionRole::Expert),
        ),
        (
            "Mme",
            "Sylvie",
            "Joubert",
            ContactKind::Partner,
            "Étude fictive Joubert",
            "Commissaire de justice",
            None,
        ),
        (
            "M.",
            "Luc",
            "Tardy",
            ContactKind::Press,
            "La Gazette des Alpes",
            "Journaliste",
            None,
        ),
    ];
    for (civ, first, last, kind, organisation, role, conv_role) in people {
        let id = add(tx, &named(civ, first, last, kind, organisation, role))?;
        if let Some(r) = conv_role {
            tx.insert_role(
                conv,
                id,
                r,
                Some(d(2026, 7, 1)),
                if r == ConventionRole::Guarantor {
                    "Désignation par le conseil municipal"
                } else {
                    "Désignation par la Ville"
                },
            )?;
        }
        if organisation.starts_with("Coopérative") {
            tx.insert_membership(id, animation, role)?;
        }
    }

    // The pool: 400 volunteers; the 48 drawn become contacts (identities stay in the
    // directory, the draw sees pseudonyms and attributes).
    let pool_people: Vec<Person> = (0..400).map(|_| Person::random(&mut rng)).collect();
    let volunteers: Vec<Volunteer> = pool_people
        .iter()
        .enumerate()
        .map(|(i, p)| p.volunteer(i + 1))
        .collect();
    let quota_list = quotas();
    let (lottery, seconds, members, reserves) = demo_lottery(&volunteers, &quota_list)?;
    let pool = tx.insert_pool(conv, PoolSource::RandomInvitation, "Réponses aux 8 000 invitations envoyées au hasard sur les listes d'adresses postales (septembre 2026)")?;
    let mut member_ids = Vec::with_capacity(volunteers.len());
    let mut panel_contacts = Vec::new();
    for (i, v) in volunteers.iter().enumerate() {
        let drawn = members.contains(&i) || reserves.contains(&i);
        let contact = if drawn {
            let mut c = pool_people[i].contact(&mut rng, ContactKind::Inhabitant);
            c.notes = format!(
                "Tiré·e au sort pour la convention climat ({}).",
                v.pseudonym
            );
            let id = add(tx, &c)?;
            if members.contains(&i) {
                tx.insert_role(
                    conv,
                    id,
                    ConventionRole::Panelist,
                    Some(d(2026, 10, 1)),
                    "Tirage au sort",
                )?;
                panel_contacts.push(id);
            }
            Some(id)
        } else {
            None
        };
        member_ids.push(tx.insert_pool_member(pool, v, contact)?);
    }
    tx.journal(
        "import",
        "pool",
        Some(pool.0),
        &format!("{} volontaires ajoutés au vivier", volunteers.len()),
    )?;
    let table = tx.insert_quota_table(conv, "Quotas du panel climat", "INSEE, recensement 2023 (structure par âge de Grenoble) ; secteurs et diplômes fictifs pour la démonstration", Some(2023), &quota_list, false)?;
    let prepared = Prepared {
        id: 0,
        pool,
        quota_table: Some(table),
        prepared_on: d(2026, 9, 24),
        seconds,
        legacy: lottery.people.iter().map(|p| p.probability).collect(),
        portfolio: lottery,
    };
    let portfolio = tx.insert_portfolio(conv, &prepared)?;
    tx.insert_lottery_draw(
        conv,
        (portfolio, &prepared),
        &DrawRequest {
            choice: Choice::Seed(DEMO_SEED.into()),
            number_how: String::new(),
            witnesses:
                "Anne Ribot et Paul Ferrand (garants), Sylvie Joubert (commissaire de justice)"
                    .into(),
            reserves: 8,
            drawn_on: d(2026, 10, 1),
        },
        &members.iter().map(|&i| member_ids[i]).collect::<Vec<_>>(),
        &reserves.iter().map(|&i| member_ids[i]).collect::<Vec<_>>(),
    )?;

    // Other inhabitants up to about 250 contacts.
    while contacts.get() < 250 {
        let p = Person::random(&mut rng);
        let mut c = p.contact(&mut rng, ContactKind::Inhabitant);
        if rng.below(3) == 0 {
            c.gender.clear();
            c.age_band.clear();
            c.csp.clear();
            c.diploma.clear();
        }
        let id = add(tx, &c)?;
        if rng.below(5) == 0 {
            tx.insert_membership(id, unions[p.sector], "Adhérent·e")?;
        }
    }

    // Consents: every person of the directory agreed to convocations; some to more.
    let person_ids: Vec<i64> = tx
        .prepare("SELECT id FROM contacts WHERE is_organisation = 0 ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in person_ids {
        let contact = ContactId(id);
        let channel = [
            ConsentChannel::Paper,
            ConsentChannel::Online,
            ConsentChannel::Meeting,
        ][rng.below(3)];
        let given = d(2026, 9, 1 + rng.below(28) as u32);
        let consent = |scope, given_flag, date| Consent {
            contact,
            scope,
            given: given_flag,
            date,
            channel,
            wording_version: "Formulaire climat v2 (septembre 2026)".into(),
        };
        tx.insert_consent(&consent(ConsentScope::Convocations, true, given))?;
        if rng.below(2) == 0 {
            tx.insert_consent(&consent(ConsentScope::Newsletter, true, given))?;
            if rng.below(6) == 0 {
                tx.insert_consent(&consent(ConsentScope::Newsletter, false, d(2026, 11, 2)))?;
            }
        }
        if rng.below(3) == 0 {
            tx.insert_consent(&consent(ConsentScope::Recontact, true, given))?;
        }
    }

    // Meetings: the six plenary sessions and six others.
    let mut meetings = Vec::new();
    let plenary = |i: usize| sessions[i];
    let others = [
        (
            MeetingKind::Steering,
            "Comité de pilotage n° 1 — lancement",
            d(2026, 9, 15),
            t(14, 0),
            t(16, 0),
            "Hôtel de Ville, salle 3",
        ),
        (
            MeetingKind::Public,
            "Réunion publique de lancement",
            d(2026, 9, 24),
            t(18, 30),
            t(20, 30),
            "Maison des habitants Chorier-Berriat",
        ),
        (
            MeetingKind::Workshop,
            "Atelier mobilités douces",
            d(2026, 11, 25),
            t(18, 30),
            t(21, 0),
            "Maison des habitants Teisseire-Malherbe",
        ),
        (
            MeetingKind::Workshop,
            "Atelier jeunesse et climat",
            d(2026, 12, 12),
            t(14, 0),
            t(17, 0),
            "Maison des habitants Le Patio",
        ),
        (
            MeetingKind::Steering,
            "Comité de pilotage n° 2 — point d'étape",
            d(2026, 12, 15),
            t(14, 0),
            t(16, 0),
            "Hôtel de Ville, salle 3",
        ),
        (
            MeetingKind::Technical,
            "Comité technique des directions",
            d(2027, 1, 8),
            t(10, 0),
            t(12, 0),
            "Hôtel de Ville, salle 5",
        ),
    ];
    let today = d(2026, 11, 29);
    let copil: Vec<ContactId> = tx
        .prepare("SELECT contact_id FROM convention_roles WHERE convention_id = ?1 AND role IN ('copil','guarantor') ORDER BY contact_id")?
        .query_map([conv.0], |r| Ok(ContactId(r.get(0)?)))?
        .collect::<Result<_, _>>()?;
    // Inhabitants of the directory who come to the open workshops.
    let neighbours: Vec<ContactId> = tx
        .prepare(
            "SELECT id FROM contacts WHERE kind = 'inhabitant' AND is_organisation = 0 \
             AND id NOT IN (SELECT contact_id FROM convention_roles) ORDER BY id LIMIT 36",
        )?
        .query_map([], |r| Ok(ContactId(r.get(0)?)))?
        .collect::<Result<_, _>>()?;
    let mut schedule: Vec<Slot> = Vec::new();
    for i in 0..6 {
        let (_, title, date, venue) = plenary(i);
        schedule.push((
            MeetingKind::Plenary,
            title.into(),
            date,
            t(9, 30),
            t(17, 0),
            venue.into(),
            Some(i),
        ));
    }
    for (kind, title, date, start, end, venue) in others {
        schedule.push((kind, title.into(), date, start, end, venue.into(), None));
    }
    for (n, (kind, title, date, start, end, venue, session)) in schedule.into_iter().enumerate() {
        let id = tx.insert_meeting(&Meeting {
            id: MeetingId(0),
            convention: Some(conv),
            session: session.map(|i| session_ids[i]),
            kind,
            title: title.clone(),
            date,
            start,
            end,
            venue,
            format: if kind == MeetingKind::Technical {
                MeetingFormat::Hybrid
            } else {
                MeetingFormat::InPerson
            },
            services: if kind == MeetingKind::Plenary {
                "Garde d'enfants, interprétariat LSF, accès PMR".into()
            } else {
                "Accès PMR".into()
            },
            facilitators: "Lise Carrier, Victor Agostini".into(),
        })?;
        meetings.push(id);
        let agenda: &[(&str, u32, &str)] = match kind {
            MeetingKind::Plenary => &[
                ("Accueil et rappel des règles du jeu", 30, "Lise Carrier"),
                ("Auditions d'experts et questions", 120, "Experts invités"),
                ("Travaux en groupes de dix", 180, "Facilitateurs"),
                ("Mise en commun et suites", 60, "Victor Agostini"),
            ],
            MeetingKind::Steering => &[
                ("Point d'avancement de la convention", 40, "Pauline Giraud"),
                ("Budget et logistique", 30, "Pauline Giraud"),
                ("Décisions à prendre", 50, "Claire Valette"),
            ],
            _ => &[
                ("Présentation du sujet", 30, "Pauline Giraud"),
                ("Échanges en petits groupes", 75, "Facilitateurs"),
                ("Restitution", 30, "Lise Carrier"),
            ],
        };
        for (pos, (item, minutes, speaker)) in agenda.iter().enumerate() {
            tx.insert_agenda_item(
                id,
                &AgendaItem {
                    position: pos as u32 + 1,
                    title: (*item).into(),
                    duration_minutes: *minutes,
                    speaker: (*speaker).into(),
                    notes: if date < today {
                        format!("Échanges riches sur « {} ».", item.to_lowercase())
                    } else {
                        String::new()
                    },
                    ..AgendaItem::default()
                },
            )?;
        }
        let invited: Vec<ContactId> = match kind {
            MeetingKind::Plenary => panel_contacts.clone(),
            MeetingKind::Steering => copil.clone(),
            MeetingKind::Workshop | MeetingKind::Public => neighbours
                .iter()
                .skip(n % 3 * 6)
                .take(24)
                .copied()
                .collect(),
            _ => Vec::new(),
        };
        for (k, contact) in invited.iter().enumerate() {
            let status = if date >= today {
                AttendanceStatus::Invited
            } else {
                match (k * 7 + n * 3) % 23 {
                    0 => AttendanceStatus::Excused,
                    1 => AttendanceStatus::Absent,
                    _ => AttendanceStatus::Present,
                }
            };
            tx.set_attendance(id, *contact, status)?;
        }
        if date < today {
            let (status, validated) = if date < d(2026, 11, 1) {
                (MinutesStatus::Locked, Some(date + chrono::Days::new(10)))
            } else if date < d(2026, 11, 20) {
                (MinutesStatus::Validated, Some(date + chrono::Days::new(8)))
            } else {
                (MinutesStatus::Draft, None)
            };
            tx.insert_minutes(id, status, &format!("Compte rendu de la réunion « {title} ». Les participants ont travaillé sur les points de l'ordre du jour ; les décisions et actions sont listées ci-dessous."), validated)?;
            tx.insert_decision(&Decision {
                id: Default::default(),
                meeting: id,
                number: 1,
                text: format!(
                    "Les conclusions de « {title} » sont versées au dossier de la convention."
                ),
                vote_result: if kind == MeetingKind::Plenary {
                    "Adoptée à l'unanimité".into()
                } else {
                    String::new()
                },
            })?;
            if kind == MeetingKind::Steering {
                tx.insert_decision(&Decision {
                    id: Default::default(),
                    meeting: id,
                    number: 2,
                    text: "Le calendrier des six séances est validé.".into(),
                    vote_result: String::new(),
                })?;
            }
            tx.insert_action(
                &Action {
                    id: ActionId(0),
                    meeting: Some(id),
                    title: format!("Diffuser le compte rendu de « {title} »"),
                    owner: "Pauline Giraud".into(),
                    due: Some(date + chrono::Days::new(14)),
                    status: if date + chrono::Days::new(14) < today && n % 3 != 2 {
                        ActionStatus::Done
                    } else {
                        ActionStatus::Open
                    },
                },
                Some(conv),
            )?;
        }
    }

    // Proposals, with the city's answers at various stages.
    let proposal_list: [(&str, &str, ProposalStatus, &str, u8); 20] = [
        (
            "Créer un réseau express vélo entre les six secteurs",
            "Mobilités",
            ProposalStatus::Accepted,
            "Direction de la mobilité",
            35,
        ),
        (
            "Rendre gratuits les transports en commun pour les moins de 25 ans",
            "Mobilités",
            ProposalStatus::PartiallyAccepted,
            "Direction de la mobilité",
            20,
        ),
        (
            "Piétonniser les abords de toutes les écoles",
            "Mobilités",
            ProposalStatus::InProgress,
            "Direction de l'espace public",
            60,
        ),
        (
            "Généraliser les zones de rencontre à 20 km/h en centre-ville",
            "Mobilités",
            ProposalStatus::ToReview,
            "Direction de la mobilité",
            0,
        ),
        (
            "Accompagner la rénovation thermique des copropriétés fragiles",
            "Logement",
            ProposalStatus::Accepted,
            "Direction de l'habitat",
            45,
        ),
        (
            "Créer un guichet unique de la rénovation énergétique",
            "Logement",
            ProposalStatus::Done,
            "Direction de l'habitat",
            100,
        ),
        (
            "Interdire les chauffages au fioul dans le parc municipal",
            "Logement",
            ProposalStatus::InProgress,
            "Direction du patrimoine",
            70,
        ),
        (
            "Installer des panneaux solaires sur tous les toits municipaux adaptés",
            "Énergie",
            ProposalStatus::Accepted,
            "Direction du patrimoine",
            25,
        ),
        (
            "Créer une coopérative citoyenne d'énergie",
            "Énergie",
            ProposalStatus::ToReview,
            "Direction de l'environnement",
            0,
        ),
        (
            "Éteindre l'éclairage public de 1 h à 5 h dans les rues résidentielles",
            "Énergie",
            ProposalStatus::Rejected,
            "Direction de l'espace public",
            0,
        ),
        (
            "Servir 50 % de produits locaux et bio dans les cantines",
            "Alimentation",
            ProposalStatus::Accepted,
            "Direction de l'éducation",
            40,
        ),
        (
            "Ouvrir un jardin partagé par quartier",
            "Alimentation",
            ProposalStatus::InProgress,
            "Direction des espaces verts",
            50,
        ),
        (
            "Soutenir une épicerie solidaire dans chaque quartier prioritaire",
            "Alimentation",
            ProposalStatus::ToReview,
            "CCAS",
            0,
        ),
        (
            "Végétaliser les cours d'école (îlots de fraîcheur)",
            "Adaptation",
            ProposalStatus::Done,
            "Direction de l'éducation",
            100,
        ),
        (
            "Planter 5 000 arbres en cinq ans",
            "Adaptation",
            ProposalStatus::Accepted,
            "Direction des espaces verts",
            30,
        ),
        (
            "Ouvrir des salles rafraîchies pendant les canicules",
            "Adaptation",
            ProposalStatus::PartiallyAccepted,
            "CCAS",
            15,
        ),
        (
            "Créer un budget climat participatif annuel",
            "Gouvernance",
            ProposalStatus::ToReview,
            "Mission Démocratie locale",
            0,
        ),
        (
            "Publier chaque année un bilan carbone de la ville",
            "Gouvernance",
            ProposalStatus::Accepted,
            "Direction de l'environnement",
            10,
        ),
        (
            "Associer des membres de la convention au suivi des propositions",
            "Gouvernance",
            ProposalStatus::Accepted,
            "Mission Démocratie locale",
            80,
        ),
        (
            "Limiter la publicité lumineuse dans l'espace public",
            "Consommation",
            ProposalStatus::Abandoned,
            "Direction de l'espace public",
            0,
        ),
    ];
    for (i, (title, theme, status, directorate, progress)) in proposal_list.into_iter().enumerate()
    {
        let pid = tx.insert_proposal(&Proposal {
            id: ProposalId(0),
            convention: conv,
            number: i as u32 + 1,
            title: title.into(),
            text: format!("La convention propose de {}.", title.to_lowercase()),
            theme: theme.into(),
            vote_result: format!("Adoptée à {} %", 62 + (i * 7) % 35),
            status,
            directorate: directorate.into(),
            progress,
            members_grade: (status != ProposalStatus::ToReview).then_some(3 + (i % 7) as u8),
        })?;
        if status != ProposalStatus::ToReview {
            if matches!(status, ProposalStatus::InProgress | ProposalStatus::Done) {
                tx.insert_answer(&Answer { proposal: pid, date: d(2026, 10, 20), status: ProposalStatus::Accepted, text: "La Ville retient la proposition et en confie l'instruction à la direction compétente.".into() })?;
            }
            tx.insert_answer(&Answer {
                proposal: pid,
                date: d(2026, 11, 18),
                status,
                text: format!("Réponse de la Ville : {}.", status.label().to_lowercase()),
            })?;
        }
    }

    // Tasks and milestones.
    let tasks = [
        (
            "Envoyer les 8 000 invitations",
            d(2026, 9, 5),
            TaskStatus::Done,
            Priority::High,
            false,
        ),
        (
            "Tirage au sort public du panel",
            d(2026, 10, 1),
            TaskStatus::Done,
            Priority::High,
            true,
        ),
        (
            "Réserver les salles des six séances",
            d(2026, 9, 20),
            TaskStatus::Done,
            Priority::Normal,
            false,
        ),
        (
            "Recruter l'interprète LSF pour les séances",
            d(2026, 10, 5),
            TaskStatus::Done,
            Priority::Normal,
            false,
        ),
        (
            "Préparer le dossier d'audition des experts",
            d(2026, 11, 10),
            TaskStatus::Done,
            Priority::Normal,
            false,
        ),
        (
            "Verser les indemnités des séances 1 à 3",
            d(2026, 11, 25),
            TaskStatus::InProgress,
            Priority::High,
            false,
        ),
        (
            "Relancer les membres absents à la séance 3",
            d(2026, 11, 21),
            TaskStatus::Todo,
            Priority::Normal,
            false,
        ),
        (
            "Organiser l'atelier jeunesse et climat",
            d(2026, 12, 1),
            TaskStatus::InProgress,
            Priority::High,
            false,
        ),
        (
            "Rédiger la note d'étape pour le COPIL n° 2",
            d(2026, 12, 10),
            TaskStatus::Todo,
            Priority::Normal,
            false,
        ),
        (
            "Préparer le vote des propositions",
            d(2027, 1, 30),
            TaskStatus::Todo,
            Priority::Normal,
            true,
        ),
        (
            "Remise du rapport final au Maire",
            d(2027, 3, 15),
            TaskStatus::Todo,
            Priority::High,
            true,
        ),
        (
            "Bilan de la convention en conseil municipal",
            d(2027, 6, 20),
            TaskStatus::Todo,
            Priority::Normal,
            true,
        ),
    ];
    for (title, due, status, priority, milestone) in tasks {
        tx.insert_task(&Task {
            id: TaskId(0),
            convention: conv,
            title: title.into(),
            owner: "Pauline Giraud".into(),
            due: Some(due),
            status,
            priority,
            milestone,
            session: None,
        })?;
    }

    // Risks.
    let risks = [
        (
            "Décrochage des membres les plus jeunes",
            3,
            3,
            "Atelier dédié, horaires adaptés, relances personnalisées",
            d(2026, 12, 1),
            RiskStatus::Open,
        ),
        (
            "Propositions hors des compétences de la Ville",
            3,
            2,
            "Cadrage juridique à chaque séance, fiche compétences",
            d(2027, 1, 10),
            RiskStatus::Open,
        ),
        (
            "Contestation de l'indépendance du processus",
            2,
            4,
            "Garants présents à chaque séance, publication des comptes rendus",
            d(2026, 11, 20),
            RiskStatus::Mitigated,
        ),
        (
            "Dépassement du budget de restauration",
            2,
            2,
            "Devis négociés, suivi mensuel",
            d(2026, 12, 15),
            RiskStatus::Open,
        ),
        (
            "Indisponibilité de la salle du conseil pour la restitution",
            1,
            3,
            "Salle de repli réservée",
            d(2027, 1, 15),
            RiskStatus::Open,
        ),
        (
            "Faible écho médiatique de la restitution",
            2,
            2,
            "Plan de communication avec la presse locale",
            d(2027, 1, 20),
            RiskStatus::Open,
        ),
    ];
    for (title, p, i, mitigation, review, status) in risks {
        tx.insert_risk(&Risk {
            id: RiskId(0),
            convention: conv,
            title: title.into(),
            probability: p,
            impact: i,
            mitigation: mitigation.into(),
            owner: "Pauline Giraud".into(),
            review: Some(review),
            status,
        })?;
    }

    // Budget.
    let budget = [
        (
            BudgetCategory::Venue,
            "Location et installation des salles",
            1_200_000,
            900_000,
            450_000,
        ),
        (
            BudgetCategory::Catering,
            "Repas et pauses des six séances",
            2_400_000,
            2_400_000,
            1_150_000,
        ),
        (
            BudgetCategory::Childcare,
            "Garde d'enfants pendant les séances",
            600_000,
            600_000,
            240_000,
        ),
        (
            BudgetCategory::Interpreting,
            "Interprétariat LSF et traduction",
            900_000,
            900_000,
            300_000,
        ),
        (
            BudgetCategory::Compensation,
            "Indemnités des membres du panel (80 € par jour de séance)",
            2_304_000,
            1_152_000,
            864_000,
        ),
        (
            BudgetCategory::Facilitation,
            "Animation des séances (coopérative)",
            5_500_000,
            5_500_000,
            2_200_000,
        ),
        (
            BudgetCategory::Communication,
            "Invitations, affiches, vidéo de restitution",
            2_100_000,
            1_500_000,
            1_050_000,
        ),
        (
            BudgetCategory::Other,
            "Frais de commissaire de justice pour le tirage",
            150_000,
            150_000,
            150_000,
        ),
    ];
    for (category, label, planned, committed, spent) in budget {
        tx.insert_budget_line(&BudgetLine {
            id: BudgetLineId(0),
            convention: conv,
            category,
            label: label.into(),
            planned_cents: planned,
            committed_cents: committed,
            spent_cents: spent,
        })?;
    }

    // The rules of the game: adopted at the first session, then a draft amendment.
    let mut rules = crate::domain::rules::parse_template(crate::assets::RULES_TEMPLATE);
    let at = |date: NaiveDate, h| date.and_hms_opt(h, 0, 0).expect("a valid hour");
    tx.insert_rules_version(
        conv,
        1,
        &rules,
        at(d(2026, 9, 28), 10),
        Some(d(2026, 10, 10)),
    )?;
    if let Some(s) = rules.iter_mut().find(|s| s.title == "Prise de décision") {
        s.text = s.text.replace(
            "à la majorité des membres présents",
            "à la majorité des deux tiers des membres présents, après deux tours de discussion",
        );
    }
    tx.insert_rules_version(conv, 2, &rules, at(d(2026, 11, 20), 16), None)?;

    // Three calls for projects: one being written, one filed, one granted with its
    // report to come.
    for call in [
        Call {
            funder: "Fondation de France".into(),
            title: "Initiatives citoyennes pour la transition".into(),
            deadline: Some(d(2026, 12, 15)),
            asked_cents: Some(2_500_000),
            status: CallStatus::Drafting,
            convention: Some(conv),
            notes: "Dossier à compléter : lettre de soutien de l’adjointe, budget prévisionnel."
                .into(),
            ..Call::default()
        },
        Call {
            funder: "Région Auvergne-Rhône-Alpes".into(),
            title: "Démocratie participative et engagement citoyen".into(),
            deadline: Some(d(2026, 10, 31)),
            asked_cents: Some(4_000_000),
            status: CallStatus::Submitted,
            convention: Some(conv),
            notes: "Réponse annoncée pour février.".into(),
            ..Call::default()
        },
        Call {
            funder: "Agence nationale de la cohésion des territoires".into(),
            title: "Fabriques de la participation (quartiers prioritaires)".into(),
            deadline: Some(d(2026, 3, 31)),
            asked_cents: Some(1_500_000),
            granted_cents: Some(1_200_000),
            status: CallStatus::Granted,
            report_due: Some(d(2026, 12, 31)),
            notes: "Bilan qualitatif et financier à déposer sur la plateforme.".into(),
            ..Call::default()
        },
    ] {
        tx.insert_call(&call)?;
    }

    super::demo_dispositifs::build(tx)?;
    super::demo_veille::build(tx)?;

    // Two groups of the directory, to invite from.
    tx.insert_group(
        "Conseil citoyen indépendant — secteur 6",
        "SELECT id FROM contacts WHERE kind = 'inhabitant' AND sector = 's6' ORDER BY id LIMIT 18",
    )?;
    tx.insert_group(
        "Associations partenaires du climat",
        "SELECT id FROM contacts WHERE kind = 'association' ORDER BY id",
    )?;
    tx.journal(
        "create",
        "demo",
        Some(conv.0),
        "Dossier de démonstration chargé",
    )?;
    Ok(DemoSummary {
        convention: conv,
        contacts: contacts.get(),
        volunteers: volunteers.len() as u32,
        meetings: meetings.len() as u32,
        proposals: proposal_list.len() as u32,
    })
}
