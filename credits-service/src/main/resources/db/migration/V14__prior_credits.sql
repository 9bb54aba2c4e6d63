-- Acknowledgements a project published before it moved to the platform (its policy's priorCredits), so its hall of
-- fame carries them over. Public text from the project's own policy; replaced by each newer policy version.
CREATE TABLE prior_credit (
    project_slug   text NOT NULL,
    position       int  NOT NULL,
    name           text NOT NULL,
    summary        text,
    when_text      text,
    policy_version int  NOT NULL,
    PRIMARY KEY (project_slug, position)
);
-- The newest policy version the list came from (also when it was empty), so a late older version changes nothing.
CREATE TABLE prior_credit_source (
    project_slug   text PRIMARY KEY,
    policy_version int  NOT NULL
);
