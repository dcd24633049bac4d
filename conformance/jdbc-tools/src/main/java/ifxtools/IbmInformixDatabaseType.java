package ifxtools;

import java.sql.Connection;
import org.flywaydb.database.informix.InformixDatabaseType;

/**
 * flyway-database-informix 11.20.3 takes a database whose JDBC product name
 * starts with "Informix"; IBM JDBC 15.0.0.1.1 reports "IBM Informix Dynamic
 * Server" (the text of DBINFO('version','full') before " Version", which IDS
 * 15.0.1.0.3 starts with "IBM"), so Flyway says "Unsupported Database". This
 * plugin accepts that name too and is otherwise Flyway's own Informix support
 * (conformance/FINDINGS.md, "Java tools").
 */
public class IbmInformixDatabaseType extends InformixDatabaseType {
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String name, String version, Connection connection) {
        return name.startsWith("IBM Informix") || super.handlesDatabaseProductNameAndVersion(name, version, connection);
    }
}
