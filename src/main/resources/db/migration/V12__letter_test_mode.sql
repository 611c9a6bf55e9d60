-- Letters written while advocacy is in test mode (PATHLIGHT_ADVOCACY_TEST_MODE, on by default
-- while the organisation settings are the demo values) went to the test inbox, not to the official:
-- they are marked, printed as "do not mail", and left out of the lobbying tally.
alter table letter add column test boolean not null default false;
