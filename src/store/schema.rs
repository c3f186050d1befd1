//! The schema, as a list of migrations: step `i` takes the file from version `i` to
//! `i + 1`. A step, once released, is never edited; changes come as new steps.

/// Every migration, in order. `MIGRATIONS.len()` is the current schema version.
pub const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
];

const V1: &str = r#"
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE conventions (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    theme TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'preparation' CHECK (status IN
        ('preparation','recruitment','deliberation','restitution','follow_up','closed')),
    participation TEXT NOT NULL DEFAULT 'concertation' CHECK (participation IN
        ('consultation','concertation','co_construction')),
    mandate_from TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    commitment TEXT NOT NULL DEFAULT '',
    elected_official TEXT NOT NULL DEFAULT '',
    target_panel_size INTEGER NOT NULL DEFAULT 0 CHECK (target_panel_size >= 0),
    budget_envelope_cents INTEGER NOT NULL DEFAULT 0,
    start_date TEXT,
    end_date TEXT,
    synthesis_text TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT
);
CREATE INDEX phases_convention ON phases(convention_id, position);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    phase_id INTEGER REFERENCES phases(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    programme TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_convention ON sessions(convention_id, date);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN
        ('inhabitant','association','partner','agent','elected','expert','guarantor','press')),
    is_organisation INTEGER NOT NULL DEFAULT 0 CHECK (is_organisation IN (0, 1)),
    civility TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    sector TEXT CHECK (sector IN ('s1','s2','s3','s4','s5','s6','outside')),
    neighbourhood TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    age_band TEXT NOT NULL DEFAULT '',
    csp TEXT NOT NULL DEFAULT '',
    diploma TEXT NOT NULL DEFAULT '',
    do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
    retention_review TEXT,
    anonymised INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_name ON contacts(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);

-- A person's membership of an organisation.
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    UNIQUE (person_id, organisation_id)
);

-- A contact's role in a convention (governance or panel).
CREATE TABLE convention_roles (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('copil','guarantor','facilitator','expert','panelist')),
    designated_on TEXT,
    designation_mode TEXT NOT NULL DEFAULT '',
    ends_on TEXT,
    UNIQUE (convention_id, contact_id, role)
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
);

-- A group; with a non-empty query it is a saved selection that re-runs.
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query TEXT NOT NULL DEFAULT ''
);
CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, contact_id)
);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('convocations','newsletter','recontact','photo')),
    given INTEGER NOT NULL CHECK (given IN (0, 1)),
    date TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('paper','online','phone','meeting')),
    wording_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_contact ON consents(contact_id, scope, date);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER REFERENCES conventions(id) ON DELETE SET NULL,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'invitation' CHECK (kind IN ('invitation','reminder','convocation')),
    created_on TEXT NOT NULL
);
CREATE TABLE campaign_recipients (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'to_invite' CHECK (status IN ('to_invite','invited','yes','no',
        'maybe','confirmed','excused','present','absent')),
    updated_on TEXT,
    PRIMARY KEY (campaign_id, contact_id)
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER REFERENCES conventions(id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('plenary','workshop','steering','public','technical',
        'partner','mediation')),
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person','online','hybrid')),
    services TEXT NOT NULL DEFAULT '',
    facilitators TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_convention ON meetings(convention_id, date);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
    speaker TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_meeting ON agenda_items(meeting_id, position);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('invited','registered','present','excused','absent',
        'replaced')),
    arrived_late INTEGER NOT NULL DEFAULT 0,
    left_early INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, contact_id)
);
CREATE INDEX attendance_contact ON attendance(contact_id);

CREATE TABLE minutes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','reviewed','validated','locked')),
    validated_on TEXT
);
CREATE TABLE minutes_versions (
    id INTEGER PRIMARY KEY,
    minutes_id INTEGER NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (minutes_id, version)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    vote_result TEXT NOT NULL DEFAULT '',
    UNIQUE (meeting_id, number)
);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
    convention_id INTEGER REFERENCES conventions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled'))
);
CREATE INDEX actions_due ON actions(status, due_date);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    vote_result TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'to_review' CHECK (status IN ('to_review','accepted',
        'partially_accepted','rejected','in_progress','done','abandoned')),
    directorate TEXT NOT NULL DEFAULT '',
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    members_grade INTEGER CHECK (members_grade BETWEEN 0 AND 10),
    UNIQUE (convention_id, number)
);
CREATE TABLE proposal_answers (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('to_review','accepted','partially_accepted','rejected',
        'in_progress','done','abandoned')),
    text TEXT NOT NULL
);
CREATE TABLE meeting_proposals (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, proposal_id)
);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','in_progress','done')),
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high')),
    milestone INTEGER NOT NULL DEFAULT 0 CHECK (milestone IN (0, 1))
);

CREATE TABLE risks (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 4),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 4),
    mitigation TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    review_date TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','mitigated','closed'))
);

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('venue','catering','childcare','interpreting',
        'compensation','facilitation','communication','other')),
    label TEXT NOT NULL,
    planned_cents INTEGER NOT NULL DEFAULT 0,
    committed_cents INTEGER NOT NULL DEFAULT 0,
    spent_cents INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE quota_tables (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    year INTEGER
);
CREATE TABLE quotas (
    id INTEGER PRIMARY KEY,
    quota_table_id INTEGER NOT NULL REFERENCES quota_tables(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    value TEXT NOT NULL,
    min INTEGER NOT NULL CHECK (min >= 0),
    max INTEGER NOT NULL CHECK (max >= min),
    UNIQUE (quota_table_id, criterion, value)
);

CREATE TABLE pools (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('random_invitation','electoral_list','open_call')),
    description TEXT NOT NULL DEFAULT '',
    created_on TEXT NOT NULL
);
-- Pseudonymous volunteers: the draw sees ids and attributes (JSON object), identities
-- stay in the directory.
CREATE TABLE pool_members (
    id INTEGER PRIMARY KEY,
    pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    attributes TEXT NOT NULL,
    UNIQUE (pool_id, pseudonym)
);

CREATE TABLE draws (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    pool_id INTEGER NOT NULL REFERENCES pools(id),
    quota_table_id INTEGER REFERENCES quota_tables(id),
    algorithm TEXT NOT NULL CHECK (algorithm IN ('leximin','maximin','legacy')),
    seed TEXT NOT NULL DEFAULT '',
    public_number TEXT,
    list_hash TEXT,
    panel_size INTEGER NOT NULL,
    drawn_on TEXT NOT NULL,
    witnesses TEXT NOT NULL DEFAULT ''
);
CREATE TABLE draw_selections (
    draw_id INTEGER NOT NULL REFERENCES draws(id) ON DELETE CASCADE,
    pool_member_id INTEGER NOT NULL REFERENCES pool_members(id),
    role TEXT NOT NULL CHECK (role IN ('member','reserve')),
    rank INTEGER NOT NULL,
    withdrawn_on TEXT,
    replaced_by INTEGER REFERENCES pool_members(id),
    PRIMARY KEY (draw_id, pool_member_id)
);

CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    summary TEXT NOT NULL
);
CREATE INDEX journal_entity ON journal(entity, entity_id);

CREATE TABLE export_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    document TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    path TEXT NOT NULL,
    personal_data INTEGER NOT NULL CHECK (personal_data IN (0, 1))
);
"#;

/// Version 2: what a locked compte rendu froze, and full-text search over the traces
/// of meetings (minutes, notes per agenda item, decisions, actions), accent- and
/// case-insensitive. The index is kept by triggers; its rowid is the source row's id
/// times 4 plus the kind (0 minutes, 1 notes, 2 decision, 3 action).
const V2: &str = r#"
ALTER TABLE minutes_versions ADD COLUMN snapshot TEXT;
ALTER TABLE minutes_versions ADD COLUMN validated_on TEXT;

CREATE VIRTUAL TABLE trace_search USING fts5(
    kind UNINDEXED, meeting_id UNINDEXED, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER trace_minutes_insert AFTER INSERT ON minutes_versions BEGIN
    INSERT INTO trace_search (rowid, kind, meeting_id, body)
    SELECT new.id * 4, 'minutes', m.meeting_id, new.body FROM minutes m WHERE m.id = new.minutes_id;
END;
CREATE TRIGGER trace_minutes_update AFTER UPDATE OF body ON minutes_versions BEGIN
    UPDATE trace_search SET body = new.body WHERE rowid = new.id * 4;
END;
CREATE TRIGGER trace_minutes_delete AFTER DELETE ON minutes_versions BEGIN
    DELETE FROM trace_search WHERE rowid = old.id * 4;
END;

CREATE TRIGGER trace_notes_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO trace_search (rowid, kind, meeting_id, body)
    VALUES (new.id * 4 + 1, 'notes', new.meeting_id, new.title || char(10) || new.notes);
END;
CREATE TRIGGER trace_notes_update AFTER UPDATE OF title, notes ON agenda_items BEGIN
    UPDATE trace_search SET body = new.title || char(10) || new.notes WHERE rowid = new.id * 4 + 1;
END;
CREATE TRIGGER trace_notes_delete AFTER DELETE ON agenda_items BEGIN
    DELETE FROM trace_search WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER trace_decision_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO trace_search (rowid, kind, meeting_id, body)
    VALUES (new.id * 4 + 2, 'decision', new.meeting_id, new.text || char(10) || new.vote_result);
END;
CREATE TRIGGER trace_decision_update AFTER UPDATE OF text, vote_result ON decisions BEGIN
    UPDATE trace_search SET body = new.text || char(10) || new.vote_result WHERE rowid = new.id * 4 + 2;
END;
CREATE TRIGGER trace_decision_delete AFTER DELETE ON decisions BEGIN
    DELETE FROM trace_search WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER trace_action_insert AFTER INSERT ON actions BEGIN
    INSERT INTO trace_search (rowid, kind, meeting_id, body)
    VALUES (new.id * 4 + 3, 'action', new.meeting_id, new.title || char(10) || new.owner);
END;
CREATE TRIGGER trace_action_update AFTER UPDATE OF title, owner ON actions BEGIN
    UPDATE trace_search SET body = new.title || char(10) || new.owner WHERE rowid = new.id * 4 + 3;
END;
CREATE TRIGGER trace_action_delete AFTER DELETE ON actions BEGIN
    DELETE FROM trace_search WHERE rowid = old.id * 4 + 3;
END;

INSERT INTO trace_search (rowid, kind, meeting_id, body)
    SELECT v.id * 4, 'minutes', m.meeting_id, v.body FROM minutes_versions v JOIN minutes m ON m.id = v.minutes_id;
INSERT INTO trace_search (rowid, kind, meeting_id, body)
    SELECT id * 4 + 1, 'notes', meeting_id, title || char(10) || notes FROM agenda_items;
INSERT INTO trace_search (rowid, kind, meeting_id, body)
    SELECT id * 4 + 2, 'decision', meeting_id, text || char(10) || vote_result FROM decisions;
INSERT INTO trace_search (rowid, kind, meeting_id, body)
    SELECT id * 4 + 3, 'action', meeting_id, title || char(10) || owner FROM actions;
"#;

/// Version 3: the rules of participation of each convention, every saved version kept
/// (sections as JSON), a draft until adopted on a date.
const V3: &str = r#"
CREATE TABLE rules_versions (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    sections TEXT NOT NULL,
    adopted_on TEXT,
    UNIQUE (convention_id, version)
);

ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'plenary' CHECK (kind IN ('plenary',
    'workshop','steering','public','technical','partner','mediation'));
"#;

/// Version 4: the directory searched in full text (names, structure, email, notes,
/// city; accents and case ignored; by word beginning), kept by triggers, and an index
/// in the list's own order so that a page of 100,000 contacts is read, not sorted.
const V4: &str = r#"
CREATE VIRTUAL TABLE contacts_fts USING fts5(
    first_name, last_name, organisation, email, notes, city,
    content = 'contacts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, first_name, last_name, organisation, email, notes, city)
    VALUES (new.id, new.first_name, new.last_name, new.organisation, new.email, new.notes, new.city);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, first_name, last_name, organisation, email, notes, city)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.organisation, old.email, old.notes, old.city);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF first_name, last_name, organisation, email, notes, city
ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, first_name, last_name, organisation, email, notes, city)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.organisation, old.email, old.notes, old.city);
    INSERT INTO contacts_fts (rowid, first_name, last_name, organisation, email, notes, city)
    VALUES (new.id, new.first_name, new.last_name, new.organisation, new.email, new.notes, new.city);
END;
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');

CREATE INDEX contacts_sort ON contacts (
    (CASE WHEN is_organisation = 1 THEN organisation ELSE last_name END) COLLATE NOCASE,
    first_name COLLATE NOCASE, id
) WHERE anonymised = 0;
"#;

/// Version 5: the directory's full-text index keeps two- and three-letter prefixes (a
/// search on "ma" reads one list instead of merging hundreds), tags are found by tag,
/// a retention review date typed by hand is told apart from the computed default, and
/// namesakes declared different people stop being proposed as duplicates.
const V5: &str = r#"
DROP TABLE contacts_fts;
CREATE VIRTUAL TABLE contacts_fts USING fts5(
    first_name, last_name, organisation, email, notes, city,
    content = 'contacts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
CREATE INDEX contact_tags_tag ON contact_tags (tag_id, contact_id);
CREATE INDEX convention_roles_contact ON convention_roles (contact_id);
ALTER TABLE contacts ADD COLUMN retention_by_hand INTEGER NOT NULL DEFAULT 0;
-- Pairs the duplicate finder proposed and a person said were two people.
CREATE TABLE distinct_contacts (
    first_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    second_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (first_id, second_id)
);
"#;

const V6: &str = r#"
-- A prepared lottery: the published portfolio (JSON, format agora-portefeuille-1), and
-- LEGACY's estimated probabilities on the same pool for comparison (JSON array).
CREATE TABLE portfolios (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    quota_table_id INTEGER REFERENCES quota_tables(id),
    prepared_on TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0,
    content TEXT NOT NULL,
    legacy TEXT NOT NULL DEFAULT '[]'
);
ALTER TABLE draws ADD COLUMN portfolio_id INTEGER REFERENCES portfolios(id);
ALTER TABLE draws ADD COLUMN number_how TEXT NOT NULL DEFAULT '';
-- How many reserves were read from the list at the draw.
ALTER TABLE draws ADD COLUMN reserves INTEGER NOT NULL DEFAULT 0;
-- How a replacement was chosen ("premier remplaçant qui garde les quotas", a seed).
ALTER TABLE draw_selections ADD COLUMN replacement_note TEXT NOT NULL DEFAULT '';
ALTER TABLE pools ADD COLUMN purged_on TEXT;
-- At most one person per household (the volunteers' "foyer" attribute) in a panel.
ALTER TABLE quota_tables ADD COLUMN one_per_household INTEGER NOT NULL DEFAULT 0;
-- Reference population tables for default quotas (shares in per cent, JSON pairs).
CREATE TABLE reference_tables (
    id INTEGER PRIMARY KEY,
    criterion TEXT NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    year INTEGER,
    shares TEXT NOT NULL
);
-- The first stage: rows drawn from an invitation list, kept for the mail merge.
CREATE TABLE invitation_samples (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
    list_name TEXT NOT NULL,
    list_sha256 TEXT NOT NULL,
    list_rows INTEGER NOT NULL,
    stratum TEXT NOT NULL DEFAULT '',
    seed TEXT NOT NULL,
    drawn_on TEXT NOT NULL,
    header TEXT NOT NULL,
    rows TEXT NOT NULL
);
"#;

/// The safety net: every export is logged with its outcome (written, refused, failed).
const V7: &str = r#"
ALTER TABLE export_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'écrit';
"#;

/// The dossier de convention: the sections and appendices last chosen, per convention
/// (comma-separated codes, see `domain::dossier`).
const V8: &str = r#"
CREATE TABLE dossier_choices (
    convention_id INTEGER PRIMARY KEY REFERENCES conventions(id) ON DELETE CASCADE,
    sections TEXT NOT NULL,
    appendices TEXT NOT NULL
);
"#;

/// The rapport d'activité: the paragraph the mission writes for each section, per
/// period (« 2026-01-01/2026-12-31 »).
const V9: &str = r#"
CREATE TABLE activity_texts (
    period TEXT NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (period, section)
);
"#;

/// The organisation's logo, printed on the cover of dossiers and reports (one row).
const V10: &str = r#"
CREATE TABLE logo (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    bytes BLOB NOT NULL
);
"#;

/// Version 11: the calls for projects and grants the mission answers.
const V11: &str = r#"
CREATE TABLE funding_calls (
    id INTEGER PRIMARY KEY,
    funder TEXT NOT NULL CHECK (funder <> ''),
    title TEXT NOT NULL CHECK (title <> ''),
    deadline TEXT,
    asked_cents INTEGER CHECK (asked_cents >= 0),
    granted_cents INTEGER CHECK (granted_cents >= 0),
    status TEXT NOT NULL DEFAULT 'spotted'
        CHECK (status IN ('spotted', 'drafting', 'submitted', 'granted', 'refused')),
    convention_id INTEGER REFERENCES conventions(id) ON DELETE SET NULL,
    report_due TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funding_calls_convention ON funding_calls(convention_id);
"#;

/// Version 12: the participatory processes other than conventions, the meetings
/// linked to them, citizen interpellations with their supporters and the supports
/// checked, consultative bodies, participatory budgets, support to directorates; the
/// mission's veille notes.
const V12: &str = r#"
CREATE TABLE dispositifs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('interpellation', 'instance', 'budget', 'accompagnement')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    level TEXT NOT NULL DEFAULT 'concertation' CHECK (level IN
        ('information', 'consultation', 'concertation', 'co_construction')),
    directorate TEXT NOT NULL DEFAULT '',
    elected_official TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dispositifs_kind ON dispositifs(kind, start_date);

CREATE TABLE dispositif_meetings (
    dispositif_id INTEGER NOT NULL REFERENCES dispositifs(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (dispositif_id, meeting_id)
);
CREATE INDEX dispositif_meetings_meeting ON dispositif_meetings(meeting_id);

CREATE TABLE interpellations (
    dispositif_id INTEGER PRIMARY KEY REFERENCES dispositifs(id) ON DELETE CASCADE,
    filer TEXT NOT NULL CHECK (length(trim(filer)) > 0),
    filer_address TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL CHECK (length(trim(question)) > 0),
    received TEXT NOT NULL,
    channel TEXT CHECK (channel IN ('paper', 'online')),
    legal INTEGER CHECK (legal IN (0, 1)),
    legal_comment TEXT NOT NULL DEFAULT '',
    fair INTEGER CHECK (fair IN (0, 1)),
    fair_comment TEXT NOT NULL DEFAULT '',
    city_power INTEGER CHECK (city_power IN (0, 1)),
    city_power_comment TEXT NOT NULL DEFAULT '',
    collective INTEGER CHECK (collective IN (0, 1)),
    collective_comment TEXT NOT NULL DEFAULT '',
    decided TEXT,
    supports_paper INTEGER NOT NULL DEFAULT 0 CHECK (supports_paper >= 0),
    supports_online INTEGER NOT NULL DEFAULT 0 CHECK (supports_online >= 0),
    check_seed TEXT,
    first_meeting TEXT,
    second_meeting TEXT,
    report_agreed TEXT,
    report_sent TEXT,
    report TEXT NOT NULL DEFAULT '',
    vote_from TEXT,
    vote_to TEXT,
    vote_places TEXT NOT NULL DEFAULT '',
    votes_cast INTEGER CHECK (votes_cast >= 0),
    votes_yes INTEGER CHECK (votes_yes >= 0),
    votes_no INTEGER CHECK (votes_no >= 0)
);

CREATE TABLE bodies (
    dispositif_id INTEGER PRIMARY KEY REFERENCES dispositifs(id) ON DELETE CASCADE,
    seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 40),
    filling TEXT NOT NULL CHECK (filling IN ('drawn_volunteers', 'drawn_inhabitants', 'appointed')),
    term_years INTEGER NOT NULL CHECK (term_years >= 1),
    max_terms INTEGER NOT NULL CHECK (max_terms >= 1),
    min_age INTEGER NOT NULL CHECK (min_age >= 0),
    parity INTEGER NOT NULL CHECK (parity IN (0, 1)),
    sector TEXT CHECK (sector IN ('s1', 's2', 's3', 's4', 's5', 's6', 'outside'))
);

CREATE TABLE body_members (
    id INTEGER PRIMARY KEY,
    dispositif_id INTEGER NOT NULL REFERENCES bodies(dispositif_id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL CHECK (end_date >= start_date),
    mode TEXT NOT NULL CHECK (mode IN ('drawn_volunteers', 'drawn_inhabitants', 'appointed')),
    term INTEGER NOT NULL CHECK (term >= 1),
    left_on TEXT
);
CREATE INDEX body_members_body ON body_members(dispositif_id, end_date);
CREATE INDEX body_members_contact ON body_members(contact_id);

CREATE TABLE body_opinions (
    id INTEGER PRIMARY KEY,
    dispositif_id INTEGER NOT NULL REFERENCES bodies(dispositif_id) ON DELETE CASCADE,
    issued_on TEXT NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    addressed_to TEXT NOT NULL DEFAULT ''
);

-- A renewal of a body's seats by lot is drawn as a convention's panel is (pool,
-- quotas, lottery, PV); such a convention belongs to its body and is listed with it,
-- not with the conventions.
ALTER TABLE conventions ADD COLUMN renewal_of INTEGER REFERENCES dispositifs(id) ON DELETE CASCADE;

CREATE TABLE budget_editions (
    dispositif_id INTEGER PRIMARY KEY REFERENCES dispositifs(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    envelope_cents INTEGER NOT NULL CHECK (envelope_cents > 0),
    max_project_cents INTEGER NOT NULL CHECK (max_project_cents > 0),
    investment_only INTEGER NOT NULL CHECK (investment_only IN (0, 1))
);

CREATE TABLE budget_projects (
    id INTEGER PRIMARY KEY,
    dispositif_id INTEGER NOT NULL REFERENCES budget_editions(dispositif_id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    sector TEXT CHECK (sector IN ('s1', 's2', 's3', 's4', 's5', 's6', 'outside')),
    proposer TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('submitted', 'preselected', 'studied', 'unfeasible',
        'on_ballot', 'winner', 'not_chosen', 'delivering', 'delivered', 'rejected')),
    directorate TEXT NOT NULL DEFAULT '',
    opinion_on TEXT,
    opinion TEXT NOT NULL DEFAULT '',
    estimated_cents INTEGER CHECK (estimated_cents >= 0),
    votes INTEGER CHECK (votes >= 0),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    spent_cents INTEGER NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
    delivered_on TEXT,
    UNIQUE (dispositif_id, number)
);

CREATE TABLE supports (
    dispositif_id INTEGER PRIMARY KEY REFERENCES dispositifs(id) ON DELETE CASCADE,
    question TEXT NOT NULL CHECK (length(trim(question)) > 0),
    level_asked TEXT NOT NULL CHECK (level_asked IN
        ('information', 'consultation', 'concertation', 'co_construction')),
    advice TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    became_convention INTEGER REFERENCES conventions(id) ON DELETE SET NULL
);

CREATE TABLE support_time (
    dispositif_id INTEGER NOT NULL REFERENCES supports(dispositif_id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (dispositif_id, month)
);

CREATE TABLE veille_notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    publication TEXT NOT NULL DEFAULT '',
    read_on TEXT,
    place TEXT NOT NULL DEFAULT 'france' CHECK (place IN ('grenoble', 'france', 'abroad')),
    tags TEXT NOT NULL DEFAULT ''
);
CREATE TABLE veille_links (
    note_id INTEGER NOT NULL REFERENCES veille_notes(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    dispositif_id INTEGER REFERENCES dispositifs(id) ON DELETE CASCADE,
    CHECK ((contact_id IS NULL) <> (dispositif_id IS NULL))
);
-- Each link once (a UNIQUE over the three columns would let NULLs repeat).
CREATE UNIQUE INDEX veille_links_contact ON veille_links(note_id, contact_id)
    WHERE contact_id IS NOT NULL;
CREATE UNIQUE INDEX veille_links_dispositif ON veille_links(note_id, dispositif_id)
    WHERE dispositif_id IS NOT NULL;

CREATE VIRTUAL TABLE veille_search USING fts5(
    title, body, publication, tags,
    content = 'veille_notes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER veille_insert AFTER INSERT ON veille_notes BEGIN
    INSERT INTO veille_search (rowid, title, body, publication, tags)
    VALUES (new.id, new.title, new.body, new.publication, new.tags);
END;
CREATE TRIGGER veille_delete AFTER DELETE ON veille_notes BEGIN
    INSERT INTO veille_search (veille_search, rowid, title, body, publication, tags)
    VALUES ('delete', old.id, old.title, old.body, old.publication, old.tags);
END;
CREATE TRIGGER veille_update AFTER UPDATE ON veille_notes BEGIN
    INSERT INTO veille_search (veille_search, rowid, title, body, publication, tags)
    VALUES ('delete', old.id, old.title, old.body, old.publication, old.tags);
    INSERT INTO veille_search (rowid, title, body, publication, tags)
    VALUES (new.id, new.title, new.body, new.publication, new.tags);
END;

CREATE TABLE supporters (
    dispositif_id INTEGER NOT NULL REFERENCES interpellations(dispositif_id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    place TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('paper', 'online')),
    signed_on TEXT,
    PRIMARY KEY (dispositif_id, number)
);

CREATE TABLE support_checks (
    dispositif_id INTEGER NOT NULL REFERENCES interpellations(dispositif_id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'valid', 'invalid')),
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dispositif_id, number)
);
"#;

/// Version 13: files attached to records. The bytes live in the data folder under
/// their SHA-256; a row says which record a file belongs to (at most one; none once
/// the record was deleted and the file kept).
const V13: &str = r#"
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL CHECK (length(hash) = 64),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    size INTEGER NOT NULL CHECK (size >= 0),
    added_at TEXT NOT NULL,
    signed_sheet INTEGER NOT NULL DEFAULT 0 CHECK (signed_sheet IN (0, 1)),
    convention_id INTEGER REFERENCES conventions(id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    proposal_id INTEGER REFERENCES proposals(id) ON DELETE SET NULL,
    dispositif_id INTEGER REFERENCES dispositifs(id) ON DELETE SET NULL,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    veille_note_id INTEGER REFERENCES veille_notes(id) ON DELETE SET NULL,
    call_id INTEGER REFERENCES funding_calls(id) ON DELETE SET NULL,
    CHECK ((convention_id IS NOT NULL) + (session_id IS NOT NULL) + (meeting_id IS NOT NULL) + (proposal_id IS NOT NULL)
        + (dispositif_id IS NOT NULL) + (contact_id IS NOT NULL) + (veille_note_id IS NOT NULL) + (call_id IS NOT NULL) <= 1)
);
CREATE INDEX attachments_hash ON attachments(hash);
CREATE INDEX attachments_convention ON attachments(convention_id) WHERE convention_id IS NOT NULL;
CREATE INDEX attachments_session ON attachments(session_id) WHERE session_id IS NOT NULL;
CREATE INDEX attachments_meeting ON attachments(meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX attachments_proposal ON attachments(proposal_id) WHERE proposal_id IS NOT NULL;
CREATE INDEX attachments_dispositif ON attachments(dispositif_id) WHERE dispositif_id IS NOT NULL;
CREATE INDEX attachments_contact ON attachments(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX attachments_veille_note ON attachments(veille_note_id) WHERE veille_note_id IS NOT NULL;
CREATE INDEX attachments_call ON attachments(call_id) WHERE call_id IS NOT NULL;
"#;

/// Version 14: the fiches d'expérience — the paragraphs the mission writes about a
/// finished convention or dispositif (the figures come from the records).
const V14: &str = r#"
CREATE TABLE experience_notes (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER UNIQUE REFERENCES conventions(id) ON DELETE CASCADE,
    dispositif_id INTEGER UNIQUE REFERENCES dispositifs(id) ON DELETE CASCADE,
    context TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL DEFAULT '',
    worked TEXT NOT NULL DEFAULT '',
    change TEXT NOT NULL DEFAULT '',
    updated_on TEXT NOT NULL,
    CHECK ((convention_id IS NULL) <> (dispositif_id IS NULL))
);
"#;

/// Version 15: co-written texts (the charter of cooperative democracy): articles,
/// contributions with their published answers, versions, pactes de coopération.
const V15: &str = r#"
CREATE TABLE charters (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    preamble TEXT NOT NULL DEFAULT '',
    adopted_on TEXT,
    deliberation TEXT NOT NULL DEFAULT ''
);
CREATE TABLE charter_articles (
    id INTEGER PRIMARY KEY,
    charter_id INTEGER NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX charter_articles_order ON charter_articles(charter_id, position);
CREATE TABLE charter_contributions (
    id INTEGER PRIMARY KEY,
    charter_id INTEGER NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    article_id INTEGER REFERENCES charter_articles(id),
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    participant TEXT NOT NULL DEFAULT '',
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    received_on TEXT,
    proposal TEXT NOT NULL CHECK (length(trim(proposal)) > 0),
    status TEXT NOT NULL DEFAULT 'to_review'
        CHECK (status IN ('to_review', 'retained', 'partly_retained', 'dismissed')),
    answer TEXT NOT NULL DEFAULT '',
    answered_on TEXT,
    CHECK (status = 'to_review' OR length(trim(answer)) > 0),
    UNIQUE (charter_id, number)
);
CREATE INDEX charter_contributions_article ON charter_contributions(article_id);
CREATE INDEX charter_contributions_contact ON charter_contributions(contact_id);
CREATE TABLE charter_versions (
    id INTEGER PRIMARY KEY,
    charter_id INTEGER NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    saved_on TEXT NOT NULL,
    articles TEXT NOT NULL,
    UNIQUE (charter_id, number)
);
CREATE TABLE pactes (
    id INTEGER PRIMARY KEY,
    charter_id INTEGER NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    parties TEXT NOT NULL DEFAULT '',
    common TEXT NOT NULL DEFAULT '',
    signed_on TEXT,
    ends_on TEXT,
    renewal_on TEXT,
    commitments TEXT NOT NULL DEFAULT ''
);
"#;
