package ifxtools;

import jakarta.persistence.*;
import java.sql.*;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

import static ifxtools.Suite.*;

/** Hibernate ORM with hibernate-community-dialects' InformixDialect. */
final class HibernateScenarios {
    private HibernateScenarios() {}

    /** An entity with a generated id. */
    @Entity(name = "Item")
    @Table(name = "jh_item")
    public static class Item {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        @Column(length = 40, nullable = false)
        public String name;
        public int qty;
        public java.math.BigDecimal price;

        public Item() {}

        Item(String name, int qty, String price) {
            this.name = name;
            this.qty = qty;
            this.price = new java.math.BigDecimal(price);
        }
    }

    static SessionFactory sf;

    static SessionFactory build(String hbm2ddl) {
        return new Configuration().addAnnotatedClass(Item.class)
                .setProperty("hibernate.connection.url", url())
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", password)
                .setProperty("hibernate.dialect", "org.hibernate.community.dialect.InformixDialect")
                .setProperty("hibernate.hbm2ddl.auto", hbm2ddl)
                .buildSessionFactory();
    }

    static void register() {
        SCENARIOS.put("hibernate_schema_create", () -> {
            try (Connection c = connect()) {
                dropTable(c, "jh_item");
            }
            sf = build("create");
            try (Connection c = connect()) {
                eq(1L, scalarLong(c, "SELECT COUNT(*) FROM systables WHERE tabname = 'jh_item'"), "jh_item created");
                eq(4L, scalarLong(c, "SELECT COUNT(*) FROM syscolumns c, systables t WHERE c.tabid = t.tabid AND t.tabname = 'jh_item'"), "columns of jh_item");
            }
        });

        SCENARIOS.put("hibernate_crud", () -> {
            check(sf != null, "no session factory");
            Long id = sf.fromTransaction(s -> {
                Item a = new Item("anvil", 3, "12.50");
                s.persist(a);
                s.persist(new Item("bolt", 100, "0.10"));
                return a.id;
            });
            check(id != null && id > 0, "generated id " + id);
            sf.inTransaction(s -> {
                Item a = s.find(Item.class, id);
                eq("anvil", a.name, "found by id");
                a.qty = 4;
            });
            sf.inTransaction(s -> eq(4, s.find(Item.class, id).qty, "updated qty"));
            sf.inTransaction(s -> s.remove(s.find(Item.class, id)));
            sf.inTransaction(s -> eq(null, s.find(Item.class, id), "deleted"));
        });

        SCENARIOS.put("hibernate_paging_jpql", () -> {
            check(sf != null, "no session factory");
            sf.inTransaction(s -> {
                for (int i = 1; i <= 25; i++) s.persist(new Item(String.format("item%02d", i), i, i + ".25"));
            });
            sf.inTransaction(s -> {
                List<Item> page = s.createQuery("select i from Item i where i.name like 'item%' order by i.name", Item.class)
                        .setFirstResult(10).setMaxResults(5).getResultList();
                eq(5, page.size(), "page size");
                eq("item11", page.get(0).name, "first of page 3");
                eq("item15", page.get(4).name, "last of page 3");
                Long n = s.createQuery("select count(i) from Item i where i.qty > :q", Long.class)
                        .setParameter("q", 20).getSingleResult();
                eq(6L, n, "count with a named parameter");
                List<Object[]> agg = s.createQuery("select max(i.qty), sum(i.price) from Item i where i.name like 'item%'", Object[].class)
                        .getResultList();
                eq(25, ((Number) agg.get(0)[0]).intValue(), "max qty");
                eq(0, new java.math.BigDecimal("331.25").compareTo((java.math.BigDecimal) agg.get(0)[1]), "sum of price " + agg.get(0)[1]);
                int del = s.createMutationQuery("delete from Item i where i.qty < 10").executeUpdate();
                eq(9, del, "bulk delete: item01..item09");
            });
            sf.close();
            sf = null;
        });
    }
}
