-- Contact points are changed and retired by their own organisation (decision 0022). Retiring keeps
-- the row, so that history (who added it, when it stopped) survives; retired points are not listed.
alter table identification.contact_point add column retired_at timestamptz;
alter table identification.contact_point add column retired_by text;
