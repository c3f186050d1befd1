//! The directory's CSV import: headers recognised in French or English (case and
//! accents ignored), a mapping the person can correct, each row checked (names, email,
//! sector, dates) with the line a person sees in Excel, nothing kept from a ragged row.

use chrono::NaiveDate;

use super::csv::{self, Record};
use crate::domain::codes::{ContactKind, Sector};
use crate::domain::contact::{Contact, is_valid_email};

/// A field of the directory a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Civility,
    LastName,
    FirstName,
    Email,
    Phone,
    Address,
    PostalCode,
    City,
    Sector,
    Neighbourhood,
    Organisation,
    Role,
    AgeBand,
    Gender,
    Csp,
    Diploma,
    Kind,
    Consent,
    ConsentDate,
    Tags,
    Notes,
}

impl Field {
    /// Every field, in the order the mapping shows them.
    pub const ALL: [Field; 21] = [
        Field::Civility,
        Field::LastName,
        Field::FirstName,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::PostalCode,
        Field::City,
        Field::Sector,
        Field::Neighbourhood,
        Field::Organisation,
        Field::Role,
        Field::AgeBand,
        Field::Gender,
        Field::Csp,
        Field::Diploma,
        Field::Kind,
        Field::Consent,
        Field::ConsentDate,
        Field::Tags,
        Field::Notes,
    ];

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Field::Civility => "Civilité",
            Field::LastName => "Nom",
            Field::FirstName => "Prénom",
            Field::Email => "Courriel",
            Field::Phone => "Téléphone",
            Field::Address => "Adresse",
            Field::PostalCode => "Code postal",
            Field::City => "Ville",
            Field::Sector => "Secteur",
            Field::Neighbourhood => "Quartier",
            Field::Organisation => "Structure",
            Field::Role => "Fonction",
            Field::AgeBand => "Tranche d'âge",
            Field::Gender => "Genre",
            Field::Csp => "CSP",
            Field::Diploma => "Diplôme",
            Field::Kind => "Type de contact",
            Field::Consent => "Consentement",
            Field::ConsentDate => "Date de consentement",
            Field::Tags => "Étiquettes",
            Field::Notes => "Notes",
        }
    }

    /// Header names recognised for the field (keys: lower case, no accents, letters
    /// and digits only).
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Civility => &["civilite", "civ", "titre", "title", "civility"],
            Field::LastName => &[
                "nom",
                "nomdefamille",
                "lastname",
                "surname",
                "name",
                "nomdusage",
            ],
            Field::FirstName => &["prenom", "firstname", "givenname"],
            Field::Email => &[
                "courriel",
                "email",
                "mail",
                "adressemail",
                "adresseelectronique",
                "emailaddress",
            ],
            Field::Phone => &[
                "telephone",
                "tel",
                "portable",
                "mobile",
                "phone",
                "telephoneportable",
            ],
            Field::Address => &["adresse", "address", "adressepostale", "rue"],
            Field::PostalCode => &["codepostal", "cp", "postalcode", "zip", "postcode"],
            Field::City => &["ville", "commune", "city", "town"],
            Field::Sector => &["secteur", "sector"],
            Field::Neighbourhood => &["quartier", "neighbourhood", "neighborhood", "district"],
            Field::Organisation => &[
                "structure",
                "organisation",
                "organization",
                "association",
                "organisme",
                "company",
            ],
            Field::Role => &["fonction", "role", "poste", "position"],
            Field::AgeBand => &["tranchedage", "age", "trancheage", "ageband", "agegroup"],
            Field::Gender => &["genre", "sexe", "gender", "sex"],
            Field::Csp => &["csp", "pcs", "categoriesocioprofessionnelle", "occupation"],
            Field::Diploma => &["diplome", "diploma", "niveaudediplome", "education"],
            Field::Kind => &["type", "typedecontact", "kind", "categorie"],
            Field::Consent => &["consentement", "consent", "accord", "optin"],
            Field::ConsentDate => &["datedeconsentement", "dateconsentement", "consentdate"],
            Field::Tags => &[
                "etiquettes",
                "etiquette",
                "tags",
                "tag",
                "motscles",
                "labels",
            ],
            Field::Notes => &[
                "notes",
                "note",
                "commentaire",
                "commentaires",
                "remarques",
                "comments",
            ],
        }
    }
}

/// Which field each column fills, guessed from the header.
pub fn guess_mapping(header: &[String]) -> Vec<Option<Field>> {
    let mut used = Vec::new();
    header
        .iter()
        .map(|h| {
            let k = csv::key(h);
            let f = Field::ALL
                .iter()
                .copied()
                .find(|f| !used.contains(f) && f.names().contains(&k.as_str()));
            if let Some(f) = f {
                used.push(f);
            }
            f
        })
        .collect()
}

/// A row ready to import, with the consent it carries if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: usize,
    pub contact: Contact,
    /// Consent to be contacted for convocations, with its date.
    pub consent: Option<NaiveDate>,
}

/// A file read: its header, the mapping, its records, how many rows are good and the
/// errors by line. The rows themselves are made from the records when they are used
/// ([`ContactFile::rows`]): a large file is not held twice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactFile {
    pub header: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    pub records: Vec<Record>,
    /// How many records make a good row.
    pub good_rows: usize,
    pub errors: Vec<String>,
    /// The day of the import: a consent cannot be dated after it.
    pub today: NaiveDate,
}

impl ContactFile {
    /// Nothing is imported while one line is wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.good_rows > 0
    }

    /// The good rows, in file order, made from the records under the mapping.
    pub fn rows(&self) -> impl Iterator<Item = ImportRow> + '_ {
        self.records.iter().filter_map(|r| self.row(r).ok())
    }

    /// One record under the mapping: the row, or what is wrong with it.
    fn row(&self, r: &Record) -> Result<ImportRow, Vec<String>> {
        let width = self.header.len();
        let mut problems = Vec::new();
        if r.len() != width {
            problems.push(format!("{} colonnes au lieu de {width}", r.len()));
        }
        let mut c = Contact::default();
        let mut consent = false;
        let mut consent_date = None;
        for (i, value) in r.fields().enumerate() {
            let Some(Some(field)) = self.mapping.get(i) else {
                continue;
            };
            let v = value.trim().to_string();
            match field {
                Field::Civility => c.civility = v,
                Field::LastName => c.last_name = v,
                Field::FirstName => c.first_name = v,
                Field::Email => {
                    if !v.is_empty() && !is_valid_email(&v) {
                        problems.push(format!("courriel « {v} » invalide"));
                    }
                    c.email = v;
                }
                Field::Phone => c.phone = v,
                Field::Address => c.address = v,
                Field::PostalCode => c.postal_code = v,
                Field::City => c.city = v,
                Field::Sector => match sector(&v) {
                    Some(s) => c.sector = s,
                    None => {
                        problems.push(format!("secteur « {v} » inconnu (1 à 6 ou hors commune)"))
                    }
                },
                Field::Neighbourhood => c.neighbourhood = v,
                Field::Organisation => c.organisation = v,
                Field::Role => c.role = v,
                Field::AgeBand => c.age_band = v,
                Field::Gender => c.gender = v,
                Field::Csp => c.csp = v,
                Field::Diploma => c.diploma = v,
                Field::Kind => match kind(&v) {
                    Some(k) => c.kind = k,
                    None => problems.push(format!("type de contact « {v} » inconnu")),
                },
                Field::Consent => match yes(&v) {
                    Some(b) => consent = b,
                    None => problems.push(format!("consentement « {v} » : attendu oui ou non")),
                },
                Field::ConsentDate => match crate::domain::parse::opt_date(&v) {
                    // The window's rule: a consent is given on a day already passed.
                    Ok(Some(d)) if d > self.today => problems.push(format!(
                        "consentement daté du {} : cette date n’est pas encore passée",
                        crate::domain::text::date_short(d)
                    )),
                    Ok(d) => consent_date = d,
                    Err(_) => problems.push(format!("date « {v} » non comprise")),
                },
                Field::Tags => c.tags = crate::domain::contact::parse_tags(&v),
                Field::Notes => c.notes = v,
            }
        }
        if c.last_name.is_empty() && !c.organisation.is_empty() && c.first_name.is_empty() {
            c.is_organisation = true;
            if c.kind == ContactKind::Inhabitant {
                c.kind = ContactKind::Association;
            }
        }
        if c.last_name.is_empty() && !c.is_organisation {
            problems.push("nom manquant".into());
        }
        if consent && consent_date.is_none() {
            problems.push("consentement « oui » sans date de consentement".into());
        }
        if problems.is_empty() {
            Ok(ImportRow {
                line: r.line,
                contact: c,
                consent: if consent { consent_date } else { None },
            })
        } else {
            Err(problems)
        }
    }
}

/// Reads a file and guesses its mapping; `today` is the day of the import.
pub fn read(bytes: &[u8], today: NaiveDate) -> ContactFile {
    let records = match csv::read(bytes) {
        Ok(r) => r,
        Err(e) => {
            return ContactFile {
                errors: vec![e.to_string()],
                today,
                ..ContactFile::default()
            };
        }
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return ContactFile {
            errors: vec!["Le fichier est vide.".into()],
            today,
            ..ContactFile::default()
        };
    };
    // The records move into the file (kept for a corrected mapping), never copied.
    let header = header.to_vec();
    let mut file = ContactFile {
        mapping: guess_mapping(&header),
        header,
        records: records.collect(),
        today,
        ..ContactFile::default()
    };
    check(&mut file);
    file
}

/// Applies a corrected mapping and checks the rows again.
pub fn remap(file: &mut ContactFile, mapping: Vec<Option<Field>>) {
    file.mapping = mapping;
    check(file);
}

fn sector(s: &str) -> Option<Option<Sector>> {
    let k = csv::key(s);
    if k.is_empty() {
        return Some(None);
    }
    if let Ok(n) = k
        .trim_start_matches("secteur")
        .trim_start_matches('s')
        .parse::<u8>()
    {
        return match n {
            1..=6 => Sector::ALL.get(usize::from(n - 1)).copied().map(Some),
            _ => None,
        };
    }
    if ["horscommune", "exterieur", "outside", "hors"].contains(&k.as_str()) {
        return Some(Some(Sector::Outside));
    }
    None
}

fn kind(s: &str) -> Option<ContactKind> {
    let k = csv::key(s);
    if k.is_empty() {
        return Some(ContactKind::Inhabitant);
    }
    ContactKind::ALL.iter().copied().find(|c| {
        let label = csv::key(c.label());
        label == k || csv::key(c.code()) == k || label.starts_with(&k)
    })
}

fn yes(s: &str) -> Option<bool> {
    match csv::key(s).as_str() {
        "" | "non" | "no" | "n" | "0" | "faux" | "false" => Some(false),
        "oui" | "yes" | "o" | "y" | "1" | "vrai" | "true" | "x" => Some(true),
        _ => None,
    }
}

/// Checks every row against the mapping.
fn check(file: &mut ContactFile) {
    file.good_rows = 0;
    file.errors.clear();
    if !file.mapping.contains(&Some(Field::LastName))
        && !file.mapping.contains(&Some(Field::Organisation))
    {
        file.errors.push(
            "Aucune colonne ne donne le nom ni la structure : indiquez laquelle dans la correspondance des colonnes."
                .into(),
        );
        return;
    }
    let mut errors = Vec::new();
    for r in &file.records {
        match file.row(r) {
            Ok(_) => file.good_rows += 1,
            Err(problems) => errors.push(csv::line_error(r.line, &problems)),
        }
    }
    if file.records.is_empty() {
        errors.push(csv::NO_ROWS.into());
    }
    file.errors = errors;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_french_or_english_accents_ignored() {
        let header: Vec<String> = [
            "NOM",
            "Prénom",
            "E-mail",
            "Tél.",
            "Code postal",
            "Commune",
            "Secteur",
            "Structure",
            "Tranche d'âge",
            "Sexe",
            "Autre",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = guess_mapping(&header);
        assert_eq!(
            m,
            vec![
                Some(Field::LastName),
                Some(Field::FirstName),
                Some(Field::Email),
                Some(Field::Phone),
                Some(Field::PostalCode),
                Some(Field::City),
                Some(Field::Sector),
                Some(Field::Organisation),
                Some(Field::AgeBand),
                Some(Field::Gender),
                None
            ]
        );
    }

    #[test]
    fn rows_are_checked_and_named_by_their_excel_line() {
        let file = "nom;prénom;courriel;secteur;consentement;date de consentement\n\
                    Martin;Hélène;helene.martin@exemple.fr;2;oui;12/03/2026\n\
                    Dupont;Jean;pas-un-courriel;9;oui;\n\
                    ;;;;;\n\
                    Garcia;Ana;;hors commune;non;\n\
                    Lopez;;;1\n";
        let f = read(
            file.as_bytes(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        );
        let rows: Vec<ImportRow> = f.rows().collect();
        assert_eq!((rows.len(), f.good_rows), (2, 2));
        assert_eq!(rows[0].contact.sector, Some(Sector::S2));
        assert_eq!(rows[0].consent, NaiveDate::from_ymd_opt(2026, 3, 12));
        assert_eq!(rows[1].contact.sector, Some(Sector::Outside));
        assert_eq!(f.errors.len(), 2, "{:?}", f.errors);
        assert!(f.errors[0].starts_with(
            "Ligne 3 : courriel « pas-un-courriel » invalide ; secteur « 9 » inconnu"
        ));
        assert!(f.errors[1].starts_with("Ligne 6 : 4 colonnes au lieu de 6"));
        assert!(!f.is_clean());
    }
}
