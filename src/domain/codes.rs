//! Enumerations stored as stable text codes, each with its French label.
//!
//! The codes are what the database keeps (with `CHECK` constraints in the schema); the
//! labels are what people read. Renaming a label is free; renaming a code needs a
//! migration.

use std::fmt;

/// An enumeration kept as a text code.
pub trait Coded: Sized + Copy + 'static {
    /// The stable code kept in the database.
    fn code(self) -> &'static str;
    /// Reads a stored code back.
    fn from_code(code: &str) -> Option<Self>;
}

macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal => $label:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code kept in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The French label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// Reads a stored code back.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl Coded for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

coded!(
    /// What became of a contribution to a co-written text (the charter): the answer
    /// published beside it says why.
    ContributionStatus {
        ToReview = "to_review" => "À examiner",
        Retained = "retained" => "Retenue",
        PartlyRetained = "partly_retained" => "Retenue en partie",
        Dismissed = "dismissed" => "Écartée",
    }
);

coded!(
    /// Where the mission's answer to a call for projects stands.
    CallStatus {
        Spotted = "spotted" => "Repéré",
        Drafting = "drafting" => "En rédaction",
        Submitted = "submitted" => "Déposé",
        Granted = "granted" => "Retenu",
        Refused = "refused" => "Refusé",
    }
);

coded!(
    /// Where a convention stands in its life.
    ConventionStatus {
        Preparation = "preparation" => "En préparation",
        Recruitment = "recruitment" => "Recrutement",
        Deliberation = "deliberation" => "Délibération",
        Restitution = "restitution" => "Restitution",
        FollowUp = "follow_up" => "Suivi",
        Closed = "closed" => "Clôturée",
    }
);

coded!(
    /// The degree of participation the city offers: the four levels of the city's
    /// scale (Grenoble's since 2017). A convention is at least a consultation.
    ParticipationKind {
        Information = "information" => "Information",
        Consultation = "consultation" => "Consultation",
        Concertation = "concertation" => "Concertation",
        CoConstruction = "co_construction" => "Co-construction",
    }
);

coded!(
    /// What a contact is to the office.
    ContactKind {
        Inhabitant = "inhabitant" => "Habitant·e",
        Association = "association" => "Association",
        Partner = "partner" => "Partenaire",
        Agent = "agent" => "Agent·e",
        Elected = "elected" => "Élu·e",
        Expert = "expert" => "Expert·e",
        Guarantor = "guarantor" => "Garant·e",
        Press = "press" => "Presse",
    }
);

coded!(
    /// The city's six sectors, and the outside.
    Sector {
        S1 = "s1" => "Secteur 1",
        S2 = "s2" => "Secteur 2",
        S3 = "s3" => "Secteur 3",
        S4 = "s4" => "Secteur 4",
        S5 = "s5" => "Secteur 5",
        S6 = "s6" => "Secteur 6",
        Outside = "outside" => "Hors commune",
    }
);

coded!(
    /// What a consent covers.
    ConsentScope {
        Convocations = "convocations" => "Convocations",
        Newsletter = "newsletter" => "Lettre d’information",
        Recontact = "recontact" => "Recontact pour de futures démarches",
        Photo = "photo" => "Droit à l’image",
    }
);

coded!(
    /// How a consent was given or withdrawn.
    ConsentChannel {
        Paper = "paper" => "Papier",
        Online = "online" => "En ligne",
        Phone = "phone" => "Téléphone",
        Meeting = "meeting" => "Réunion",
    }
);

coded!(
    /// The role a contact holds in a convention's governance or panel.
    ConventionRole {
        Copil = "copil" => "Membre du COPIL",
        Guarantor = "guarantor" => "Garant·e",
        Facilitator = "facilitator" => "Animateur·rice",
        Expert = "expert" => "Expert·e auditionné·e",
        Panelist = "panelist" => "Membre du panel",
    }
);

coded!(
    /// Kinds of meetings.
    MeetingKind {
        Plenary = "plenary" => "Séance plénière",
        Workshop = "workshop" => "Atelier",
        Steering = "steering" => "Comité de pilotage",
        Public = "public" => "Réunion publique",
        Technical = "technical" => "Comité technique",
        Partner = "partner" => "Rencontre partenaire",
        Mediation = "mediation" => "Médiation",
    }
);

coded!(
    /// How people attend a meeting.
    MeetingFormat {
        InPerson = "in_person" => "Présentiel",
        Online = "online" => "En ligne",
        Hybrid = "hybrid" => "Hybride",
    }
);

coded!(
    /// A participant's status for one meeting.
    AttendanceStatus {
        Invited = "invited" => "Invité·e",
        Registered = "registered" => "Inscrit·e",
        Present = "present" => "Présent·e",
        Excused = "excused" => "Excusé·e",
        Absent = "absent" => "Absent·e",
        Replaced = "replaced" => "Remplacé·e",
    }
);

coded!(
    /// The workflow of a compte rendu.
    MinutesStatus {
        Draft = "draft" => "Brouillon",
        Reviewed = "reviewed" => "Relu",
        Validated = "validated" => "Validé",
        Locked = "locked" => "Verrouillé",
    }
);

coded!(
    /// An action's state.
    ActionStatus {
        Open = "open" => "À faire",
        Done = "done" => "Fait",
        Cancelled = "cancelled" => "Annulée",
    }
);

coded!(
    /// What a campaign sends.
    CampaignKind {
        Invitation = "invitation" => "Invitation",
        Reminder = "reminder" => "Relance",
        Convocation = "convocation" => "Convocation",
    }
);

coded!(
    /// Where a recipient of a campaign stands.
    RecipientStatus {
        ToInvite = "to_invite" => "À inviter",
        Invited = "invited" => "Invité·e",
        Yes = "yes" => "A répondu oui",
        No = "no" => "A répondu non",
        Maybe = "maybe" => "Peut-être",
        Confirmed = "confirmed" => "Confirmé·e",
        Excused = "excused" => "Excusé·e",
        Present = "present" => "Présent·e",
        Absent = "absent" => "Absent·e",
    }
);

coded!(
    /// What a line of a convention's timeline records.
    TimelineKind {
        Session = "session" => "Séance",
        Meeting = "meeting" => "Réunion",
        Decision = "decision" => "Décision",
        Draw = "draw" => "Tirage au sort",
        Export = "export" => "Document exporté",
        Answer = "answer" => "Réponse à une proposition",
    }
);

coded!(
    /// The city's follow-up of a proposal.
    ProposalStatus {
        ToReview = "to_review" => "À instruire",
        Accepted = "accepted" => "Acceptée",
        PartiallyAccepted = "partially_accepted" => "Acceptée partiellement",
        Rejected = "rejected" => "Refusée",
        InProgress = "in_progress" => "En cours",
        Done = "done" => "Réalisée",
        Abandoned = "abandoned" => "Abandonnée",
    }
);

coded!(
    /// A task's state.
    TaskStatus {
        Todo = "todo" => "À faire",
        InProgress = "in_progress" => "En cours",
        Done = "done" => "Terminée",
    }
);

coded!(
    /// A task's priority.
    Priority {
        Low = "low" => "Basse",
        Normal = "normal" => "Normale",
        High = "high" => "Haute",
    }
);

coded!(
    /// A risk's state.
    RiskStatus {
        Open = "open" => "Ouvert",
        Mitigated = "mitigated" => "Maîtrisé",
        Closed = "closed" => "Clos",
    }
);

coded!(
    /// Budget categories of a convention.
    BudgetCategory {
        Venue = "venue" => "Salle",
        Catering = "catering" => "Restauration",
        Childcare = "childcare" => "Garde d’enfants",
        Interpreting = "interpreting" => "Interprétariat",
        Compensation = "compensation" => "Indemnités",
        Facilitation = "facilitation" => "Animation",
        Communication = "communication" => "Communication",
        Other = "other" => "Autre",
    }
);

coded!(
    /// Where a volunteer pool comes from.
    PoolSource {
        RandomInvitation = "random_invitation" => "Réponses à une invitation aléatoire",
        ElectoralList = "electoral_list" => "Liste électorale",
        OpenCall = "open_call" => "Appel à volontaires",
    }
);

coded!(
    /// The algorithm that made a draw.
    DrawAlgorithm {
        Leximin = "leximin" => "LEXIMIN",
        Maximin = "maximin" => "MAXIMIN",
        Legacy = "legacy" => "LEGACY (glouton)",
    }
);

coded!(
    /// What a drawn person is in a draw.
    SelectionRole {
        Member = "member" => "Membre",
        Reserve = "reserve" => "Remplaçant·e",
    }
);

impl ParticipationKind {
    /// The levels a citizens' convention can have (it always asks for opinions).
    pub const CONVENTION: &'static [ParticipationKind] = &[
        ParticipationKind::Consultation,
        ParticipationKind::Concertation,
        ParticipationKind::CoConstruction,
    ];

    /// What the level commits the city to, shown as help beside the choice.
    pub fn criteria(self) -> &'static str {
        match self {
            ParticipationKind::Information => {
                "La Ville fait connaître un projet ou une décision et répond aux questions ; les habitants n’influent pas sur la décision."
            }
            ParticipationKind::Consultation => {
                "La Ville recueille les avis avant de décider ; elle décide seule et dit ce qu’elle a retenu des avis."
            }
            ParticipationKind::Concertation => {
                "Le projet s’élabore au fil d’échanges avec les habitants ; la Ville décide en dernier ressort et motive chaque choix."
            }
            ParticipationKind::CoConstruction => {
                "Habitants et Ville élaborent ensemble la proposition ; la Ville s’engage à reprendre ce qui a été produit en commun."
            }
        }
    }
}

coded!(
    /// The kinds of participatory processes other than conventions.
    DispositifKind {
        Interpellation = "interpellation" => "Interpellation citoyenne",
        Body = "instance" => "Instance consultative",
        Budget = "budget" => "Budget participatif",
        Support = "accompagnement" => "Accompagnement d’une direction",
    }
);

coded!(
    /// How an interpellation or a support reached the mission.
    FilingChannel {
        Paper = "paper" => "Papier",
        Online = "online" => "En ligne",
    }
);

coded!(
    /// The result of checking one support of an interpellation.
    CheckResult {
        Pending = "pending" => "À vérifier",
        Valid = "valid" => "Valide",
        Invalid = "invalid" => "Non valide",
    }
);

coded!(
    /// How a consultative body's seats are filled.
    SeatFilling {
        DrawnVolunteers = "drawn_volunteers" => "Tirage au sort parmi des volontaires",
        DrawnInhabitants = "drawn_inhabitants" => "Tirage au sort parmi tous les habitants",
        Appointed = "appointed" => "Désignation par les associations",
    }
);

coded!(
    /// Where a participatory budget's project stands, from the idea to the delivery.
    ProjectStage {
        Submitted = "submitted" => "Idée déposée",
        Preselected = "preselected" => "Présélectionnée",
        Studied = "studied" => "Faisable (étudiée)",
        Unfeasible = "unfeasible" => "Non faisable",
        OnBallot = "on_ballot" => "Soumise au vote",
        Winner = "winner" => "Lauréate",
        NotChosen = "not_chosen" => "Non retenue au vote",
        Delivering = "delivering" => "En réalisation",
        Delivered = "delivered" => "Livrée",
        Rejected = "rejected" => "Écartée",
    }
);

coded!(
    /// Where a practice noted in the veille happened.
    Place {
        Grenoble = "grenoble" => "Grenoble",
        France = "france" => "France",
        Abroad = "abroad" => "Étranger",
    }
);
