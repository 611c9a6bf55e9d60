-- Attendance: staff check volunteers in; hours per volunteer and role come from here.
alter table booking add column attended boolean;
alter table booking add column minutes integer check (minutes is null or minutes between 0 and 1440);
alter table booking add column checked_in_by text;
