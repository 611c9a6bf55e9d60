-- The organisation's sign-in policy, one row: admins can require two-step sign-in for every
-- password sign-in. A session remembers how it was opened (a password, or single sign-on, whose
-- identity provider applies its own second factor).
create table staff_policy (
    id                 smallint    primary key check (id = 1),
    require_two_factor boolean     not null default false,
    changed_at         timestamptz,
    changed_by         text
);
insert into staff_policy (id) values (1);

alter table staff_session add column via text not null default 'password';
