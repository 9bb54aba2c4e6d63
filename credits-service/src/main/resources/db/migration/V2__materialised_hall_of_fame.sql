-- The hall of fame, materialised. Ranking every credit of a year per request took seconds at 100,000 credits, so the
-- rankings are kept here instead: updated in the transaction of every change that can move them (a grant, a claim, a
-- display name or link, consent; see Leaderboards.refresh) and rebuilt from the credits on demand
-- (POST /api/v1/admin/hall-of-fame/rebuild, and at startup when they are missing). The rules themselves (grouping,
-- names, consent, anonymity, order) stay in Java (Attribution, Leaderboard); these tables only hold their results.

-- The group a credit's standings are computed in: 'account:<subject>', else 'name:<name, trimmed, lower case>' (the
-- researcher key of Attribution), else 'case:<case id>' for credits that name nobody. It lets one researcher's credits
-- be found by index when any of them changes. Set by the service when it grants; rows written behind its back (left
-- NULL) are filled in by the rebuild, which is why the column stays nullable.
ALTER TABLE credit ADD COLUMN standing_key text;
CREATE INDEX credit_by_standing_key ON credit (standing_key, credit_year);

-- One row per year, group and leaderboard (scope '*' is the platform-wide one, anything else a project slug; slugs
-- never contain '*'): the group's line on that leaderboard, and how many of its credits there are anonymous. A group
-- none of whose credits may be named there has name NULL and only counts; the ranking index leaves those rows out.
-- The primary key leads with the group because maintenance reads and locks a group's rows across its leaderboards.
CREATE TABLE standing (
    year              int     NOT NULL,
    standing_key      text    NOT NULL,
    scope             text    NOT NULL,
    name              text,
    link              text,
    points            int     NOT NULL CHECK (points >= 0),
    credits           int     NOT NULL CHECK (credits >= 0),
    first_credit_at   timestamptz,
    -- Compared byte by byte, as Java compares the ids the order was defined with.
    stable_id         text COLLATE "C",
    anonymous_credits int     NOT NULL CHECK (anonymous_credits >= 0),
    PRIMARY KEY (year, standing_key, scope),
    CHECK (name IS NULL OR (credits > 0 AND first_credit_at IS NOT NULL AND stable_id IS NOT NULL)),
    CHECK (name IS NOT NULL OR anonymous_credits > 0)
);
-- A page is a range of this index in ranking order (points descending, then first credited, then stable id), read
-- with LIMIT/OFFSET: no sort and no visit to other leaderboards' rows.
CREATE INDEX standing_ranking ON standing (year, scope, points DESC, first_credit_at, stable_id)
    WHERE name IS NOT NULL;

-- Per leaderboard, how many researchers it ranks and how many anonymous credits it thanks; kept as deltas by the same
-- transactions, so a page needs one row here instead of counting the whole leaderboard. (No CHECK >= 0: PostgreSQL
-- checks the proposed row of an upsert, which here is a delta and may be negative.)
CREATE TABLE hall_tally (
    year              int  NOT NULL,
    scope             text NOT NULL,
    entries           int  NOT NULL,
    anonymous_credits int  NOT NULL,
    PRIMARY KEY (year, scope)
);
