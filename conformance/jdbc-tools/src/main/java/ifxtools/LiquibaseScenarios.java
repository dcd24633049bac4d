package ifxtools;

import java.nio.file.*;
import java.sql.*;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.core.InformixDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

import static ifxtools.Suite.*;

/** Liquibase (liquibase-core's own Informix support): update, status, rollback by count. */
final class LiquibaseScenarios {
    private LiquibaseScenarios() {}

    static Path dir;

    static final String CHANGELOG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
          <changeSet id="1" author="ifx">
            <createTable tableName="jl_author">
              <column name="id" type="int" autoIncrement="true"><constraints primaryKey="true" nullable="false"/></column>
              <column name="name" type="varchar(40)"><constraints nullable="false"/></column>
            </createTable>
          </changeSet>
          <changeSet id="2" author="ifx">
            <createTable tableName="jl_book">
              <column name="id" type="int" autoIncrement="true"><constraints primaryKey="true" nullable="false"/></column>
              <column name="author_id" type="int"/>
              <column name="title" type="varchar(80)"/>
            </createTable>
          </changeSet>
          <changeSet id="3" author="ifx">
            <addColumn tableName="jl_author"><column name="born" type="date"/></addColumn>
          </changeSet>
          <changeSet id="4" author="ifx">
            <createIndex tableName="jl_book" indexName="jl_book_title"><column name="title"/></createIndex>
          </changeSet>
          <changeSet id="5" author="ifx">
            <addForeignKeyConstraint baseTableName="jl_book" baseColumnNames="author_id" constraintName="jl_book_author"
                referencedTableName="jl_author" referencedColumnNames="id"/>
          </changeSet>
          <changeSet id="6" author="ifx">
            <insert tableName="jl_author"><column name="name" value="Tolkien"/></insert>
            <insert tableName="jl_book"><column name="author_id" valueComputed="(SELECT MAX(id) FROM jl_author)"/><column name="title" value="The Hobbit"/></insert>
            <rollback>
              <delete tableName="jl_book"/>
              <delete tableName="jl_author"/>
            </rollback>
          </changeSet>
        </databaseChangeLog>
        """;

    // IBM JDBC's DatabaseMetaData.getURL() answers null, and Liquibase's
    // database detection (DatabaseFactory) calls startsWith on it in
    // CockroachDatabase: a NullPointerException. Name the database type
    // instead of detecting it.
    static Liquibase open(Connection c) throws Exception {
        Database db = new InformixDatabase();
        db.setConnection(new JdbcConnection(c));
        return new Liquibase("changelog.xml", new DirectoryResourceAccessor(dir), db);
    }

    static int unrun(Connection c) throws Exception {
        return open(c).listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
    }

    static long fkRows(Connection c) throws SQLException {
        return scalarLong(c, "SELECT COUNT(*) FROM sysconstraints WHERE constrname = 'jl_book_author' AND constrtype = 'R'");
    }

    static void register() {
        SCENARIOS.put("liquibase_update", () -> {
            dir = Files.createTempDirectory("ifx-liquibase");
            Files.writeString(dir.resolve("changelog.xml"), CHANGELOG);
            try (Connection c = connect()) {
                dropTable(c, "jl_book");
                dropTable(c, "jl_author");
                dropTable(c, "databasechangelog");
                dropTable(c, "databasechangeloglock");
            }
            try (Connection c = connect()) {
                eq(6, unrun(c), "unrun change sets before update");
                open(c).update(new Contexts(), new LabelExpression());
            }
            try (Connection c = connect()) {
                eq(0, unrun(c), "unrun change sets after update");
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM jl_book b, jl_author a WHERE b.author_id = a.id AND a.name = 'Tolkien'"), "joined rows");
                eq(1L, fkRows(c), "foreign key in sysconstraints");
                eq(6L, scalarLong(c, "SELECT COUNT(*) FROM databasechangelog"), "rows in databasechangelog");
            }
        });

        SCENARIOS.put("liquibase_rollback_count_status", () -> {
            try (Connection c = connect()) {
                open(c).rollback(2, (String) null);
            }
            try (Connection c = connect()) {
                eq(2, unrun(c), "unrun change sets after rollback 2");
                eq(0L, scalarLong(c, "SELECT COUNT(*) FROM jl_author"), "rows after rollback");
                eq(0L, fkRows(c), "foreign key dropped by the rollback");
                java.io.StringWriter w = new java.io.StringWriter();
                open(c).reportStatus(true, new Contexts(), w);
                check(w.toString().contains("2 changesets have not been applied"), "status: " + w);
                open(c).update(new Contexts(), new LabelExpression());
                eq(0, unrun(c), "unrun change sets after the second update");
                eq(1L, fkRows(c), "foreign key back");
            }
        });
    }
}
