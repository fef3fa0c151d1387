-- Production database and login role for tuanjian (run once as a superuser):
--   psql -v app_password="'…'" -f infra/postgres/roles.sql
--
-- The application connects as tuanjian_app. It owns the database and its
-- schemas and creates one NOLOGIN role per tenant schema at provisioning time
-- (isolation layer 2: every tenant request runs under SET LOCAL ROLE <tenant
-- role>, which can use only its own schema). Creating those roles needs
-- CREATEROLE; the app then grants each tenant role to itself so it may SET ROLE
-- to it (PostgreSQL 16+ no longer lets a CREATEROLE user SET ROLE to roles it
-- created without that grant).
CREATE ROLE tuanjian_app LOGIN CREATEROLE PASSWORD :app_password;
CREATE DATABASE tuanjian OWNER tuanjian_app ENCODING 'UTF8' TEMPLATE template0;
\connect tuanjian
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO tuanjian_app;

-- Suggested settings for many tenant schemas (measured in bench/, issue 8):
-- ALTER SYSTEM SET max_connections = 200;
-- ALTER SYSTEM SET max_prepared_transactions = 100;  -- Citus 2PC for cross-tenant transfers
