package ifxtools;

import java.nio.file.*;
import java.sql.*;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import static ifxtools.Suite.*;

/** Flyway with flyway-database-informix: migrate, info, validate, a failed migration and repair. */
final class FlywayScenarios {
    private FlywayScenarios() {}

    static Path dir;

    static Flyway flyway() {
        return Flyway.configure().dataSource(url(), user, password).locations("filesystem:" + dir)
                .table("jf_schema_history").baselineOnMigrate(true).baselineVersion("0").load();
    }

    static void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    static void register() {
        SCENARIOS.put("flyway_migrate", () -> {
            dir = Files.createTempDirectory("ifx-flyway");
            try (Connection c = connect()) {
                try { exec(c, "DROP PROCEDURE jf_total"); } catch (SQLException e) { /* absent */ }
                dropTable(c, "jf_account");
                dropTable(c, "jf_schema_history");
            }
            write("V1__create_account.sql", "CREATE TABLE jf_account (\n  id SERIAL PRIMARY KEY,\n"
                    + "  name VARCHAR(40) NOT NULL,\n  balance DECIMAL(12,2) DEFAULT 0\n);\n");
            write("V2__seed.sql", "INSERT INTO jf_account (name, balance) VALUES ('alice', 10.50);\n"
                    + "INSERT INTO jf_account (name, balance) VALUES ('bob', 20);\n");
            write("V3__add_email.sql", "ALTER TABLE jf_account ADD (email VARCHAR(80));\n"
                    + "CREATE INDEX jf_account_name ON jf_account (name);\n"
                    + "UPDATE jf_account SET email = name || '@example.com';\n");
            write("V4__total_procedure.sql", "CREATE PROCEDURE jf_total() RETURNING DECIMAL(12,2);\n"
                    + "  DEFINE t DECIMAL(12,2);\n  SELECT SUM(balance) INTO t FROM jf_account;\n"
                    + "  RETURN t;\nEND PROCEDURE;\n");
            MigrateResult r = flyway().migrate();
            eq(4, r.migrationsExecuted, "migrations executed");
            try (Connection c = connect()) {
                eq(2L, scalarLong(c, "SELECT COUNT(*) FROM jf_account WHERE email LIKE '%@example.com'"), "rows after V3");
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXECUTE PROCEDURE jf_total()")) {
                    check(rs.next(), "jf_total returns a row");
                    eq(0, new java.math.BigDecimal("30.50").compareTo(rs.getBigDecimal(1)) == 0 ? 0 : 1, "jf_total() = 30.50, got " + rs.getBigDecimal(1));
                }
            }
        });

        SCENARIOS.put("flyway_info_validate", () -> {
            Flyway fw = flyway();
            int n = 0;
            for (MigrationInfo m : fw.info().applied()) {
                if (m.getVersion().getVersion().equals("0")) continue; // the baseline of a non-empty schema
                eq(MigrationState.SUCCESS, m.getState(), "state of " + m.getVersion());
                n++;
            }
            eq(4, n, "applied migrations");
            eq("4", fw.info().current().getVersion().getVersion(), "current version");
            fw.validate();
            eq(0, fw.migrate().migrationsExecuted, "second migrate is a no-op");
        });

        SCENARIOS.put("flyway_failed_migration_repair", () -> {
            write("V5__broken.sql", "INSERT INTO jf_account (name, balance) VALUES ('carol', 5);\n"
                    + "INSERT INTO jf_no_such_table VALUES (1);\n");
            Flyway fw = flyway();
            try {
                fw.migrate();
                throw new AssertionError("V5 should have failed");
            } catch (org.flywaydb.core.api.FlywayException expected) {
                // the unknown table (-206)
            }
            try (Connection c = connect()) {
                eq(0L, scalarLong(c, "SELECT COUNT(*) FROM jf_account WHERE name = 'carol'"),
                        "V5's first INSERT rolled back with the failed migration");
            }
            fw.repair();
            write("V5__broken.sql", "INSERT INTO jf_account (name, balance) VALUES ('carol', 5);\n");
            fw = flyway();
            eq(1, fw.migrate().migrationsExecuted, "V5 applied after the fix");
            fw.validate();
            eq("5", fw.info().current().getVersion().getVersion(), "current version after repair");
            try (Connection c = connect()) {
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM jf_account WHERE name = 'carol'"), "carol once");
            }
        });
    }
}
