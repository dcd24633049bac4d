package ifxtools;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.database.informix.InformixDatabase;
import org.flywaydb.database.informix.InformixDatabaseType;

/**
 * Flyway's own Informix support (flyway-database-informix 11.20.3) with two
 * changes, both needed against ifxtestd and documented in
 * conformance/FINDINGS.md, "Java tools":
 *
 * 1. It takes a database whose JDBC product name starts with "Informix";
 *    IBM JDBC 15.0.0.1.1 reports "IBM Informix Dynamic Server" (the text of
 *    DBINFO('version','full') before " Version", which IDS 15.0.1.0.3
 *    starts with "IBM"), so Flyway would say "Unsupported Database".
 * 2. Flyway runs a migration on one connection while another holds the
 *    schema history table's lock in an open transaction and then inserts
 *    into it. IDS locks rows and tables, so the two do not meet; ifxtest
 *    lets one transaction write a database at a time (docs/DIALECT.md,
 *    "Locking and isolation"), so the history insert would fail with
 *    -271/-107. One connection for both, as Flyway does for SQLite.
 */
public class IbmInformixDatabaseType extends InformixDatabaseType {
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String name, String version, Connection connection) {
        return name.startsWith("IBM Informix") || super.handlesDatabaseProductNameAndVersion(name, version, connection);
    }

    @Override
    public Database createDatabase(Configuration configuration, JdbcConnectionFactory factory, StatementInterceptor interceptor) {
        return new InformixDatabase(configuration, factory, interceptor) {
            @Override
            public boolean useSingleConnection() {
                return true;
            }
        };
    }
}
