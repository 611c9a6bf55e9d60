-- Single sign-on links an account to the provider's identity (issuer and subject) at its first
-- sign-in; from then on only that identity signs in as the account, whatever email it presents.
alter table staff_account add column sso_issuer text;
alter table staff_account add column sso_subject text;
create unique index staff_account_sso_identity on staff_account (sso_issuer, sso_subject)
    where sso_subject is not null;
