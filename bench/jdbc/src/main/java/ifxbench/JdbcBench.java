package ifxbench;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.time.LocalDateTime;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IBM JDBC client of bench/run.sh. Runs the workloads of bench/README.md and
 * prints one JSON line per workload on stdout (log lines go to stderr).
 *
 * Options (or env): --host (IFX_HOST) --port (IFX_PORT) --server (IFX_SERVER)
 * --database (IFX_DATABASE) --user (IFX_USER) --password (IFX_PASSWORD)
 * --workloads a,b,c (IFX_BENCH_WORKLOADS, default all) --scale F (IFX_BENCH_SCALE,
 * multiplies every run count, default 1) --server-pid PID (IFX_BENCH_SERVER_PID:
 * also report the server's CPU per workload) --clk-tck N (IFX_BENCH_CLK_TCK, 100).
 */
public final class JdbcBench {
    static final String CLIENT = "jdbc";
    static final String TAG = "jdbc"; // suffix of this client's tables

    static String host, server, database, user, password;
    static int port;
    static double scale;
    static long serverPid;
    static long clkTck;

    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    // ------------------------------------------------------------ workload SQL (same text in every client)
    static final String SELECT1 = "SELECT 1 FROM systables WHERE tabid = 1"; // IDS requires FROM
    static final String LOOKUP = "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?";
    static final String[] EXPR5 = {
            "value",
            "CAST(value AS BIGINT) * 1000000000",
            "CAST('name' || value AS VARCHAR(32))",
            "CAST(value * 1234 / 100 AS DECIMAL(12,2))",
            "DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND",
    };
    static final String[] NAMES5 = {"id", "b", "name", "amount", "ts"};
    static final String KV_DDL = "(id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)";

    static String fetch5(int n) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < 5; i++) {
            if (i > 0) sb.append(", ");
            sb.append(EXPR5[i]).append(" AS ").append(NAMES5[i]);
        }
        return sb.append(" FROM TABLE(ifx_generate(").append(n).append(")) AS g(value)").toString();
    }

    static String fetchWide(int n, int cols) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < cols; i++) {
            if (i > 0) sb.append(", ");
            sb.append(EXPR5[i % 5]).append(" AS c").append(i + 1);
        }
        return sb.append(" FROM TABLE(ifx_generate(").append(n).append(")) AS g(value)").toString();
    }

    // ------------------------------------------------------------ helpers
    static String url() {
        return "jdbc:informix-sqli://" + host + ":" + port + "/" + database + ":INFORMIXSERVER=" + server
                + ";user=" + user + ";password=" + password;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    static int runs(int n) {
        return Math.max(1, (int) Math.round(n * scale));
    }

    static long cpu() {
        return OS.getProcessCpuTime();
    }

    /** utime+stime of the server in ns, or -1 when unknown. */
    static long serverCpu() {
        if (serverPid <= 0) return -1;
        try {
            String s = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / clkTck);
        } catch (Exception e) {
            return -1;
        }
    }

    /** A workload's measurements, printed as one JSON line. */
    static final class Result {
        final String workload;
        long[] wall;              // per operation, ns
        long cpuNs;               // process CPU over the timed phase
        long[] cpuRuns;           // per run CPU (bulk workloads)
        long rows;                // rows per operation
        int warmup;
        long serverCpuNs = -1;
        long totalWallNs = -1;    // wall of the whole timed phase
        final List<String> conns = new ArrayList<>();
        final Map<String, String> extra = new LinkedHashMap<>();

        Result(String workload) { this.workload = workload; }

        void conn(String role, int n, long ops) {
            conns.add("{\"role\":\"" + role + "\",\"n\":" + n + ",\"ops\":" + ops + "}");
        }

        String json() {
            long[] w = wall.clone();
            Arrays.sort(w);
            StringBuilder sb = new StringBuilder();
            sb.append("{\"client\":\"").append(CLIENT).append("\",\"workload\":\"").append(workload).append('"');
            sb.append(",\"runs\":").append(w.length);
            sb.append(",\"wall_ns_median\":").append(median(w));
            sb.append(",\"wall_ns_p50\":").append(rank(w, 0.50));
            sb.append(",\"wall_ns_p99\":").append(rank(w, 0.99));
            sb.append(",\"cpu_ns\":").append(cpuNs);
            sb.append(",\"rows\":").append(rows);
            sb.append(",\"extra\":{\"warmup\":").append(warmup);
            sb.append(",\"wall_ns_min\":").append(w.length > 0 ? w[0] : 0);
            sb.append(",\"wall_ns_max\":").append(w.length > 0 ? w[w.length - 1] : 0);
            long sum = 0;
            for (long x : w) sum += x;
            sb.append(",\"wall_ns_sum\":").append(sum);
            if (totalWallNs >= 0) sb.append(",\"wall_ns_total\":").append(totalWallNs);
            sb.append(",\"cpu_ns_per_op\":").append(w.length > 0 ? cpuNs / w.length : 0);
            if (cpuRuns != null) {
                long[] c = cpuRuns.clone();
                Arrays.sort(c);
                sb.append(",\"cpu_ns_runs\":").append(Arrays.toString(cpuRuns).replace(" ", ""));
                sb.append(",\"cpu_ns_median\":").append(median(c));
            }
            if (serverCpuNs >= 0) sb.append(",\"server_cpu_ns\":").append(serverCpuNs);
            for (Map.Entry<String, String> e : extra.entrySet())
                sb.append(",\"").append(e.getKey()).append("\":").append(e.getValue());
            sb.append(",\"conns\":[").append(String.join(",", conns)).append("]}}");
            return sb.toString();
        }
    }

    static long median(long[] sorted) {
        int n = sorted.length;
        if (n == 0) return 0;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile. */
    static long rank(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------ workloads
    interface Op { void run(int i) throws Exception; }

    /** Warm up, then time each of runs calls of op; fills wall, cpuNs, serverCpuNs. */
    static void timeOps(Result r, int warmup, int runs, Op op) throws Exception {
        for (int i = 0; i < warmup; i++) op.run(i);
        r.warmup = warmup;
        r.wall = new long[runs];
        long s0 = serverCpu(), c0 = cpu(), t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            op.run(warmup + i);
            r.wall[i] = System.nanoTime() - a;
        }
        r.totalWallNs = System.nanoTime() - t0;
        r.cpuNs = cpu() - c0;
        long s1 = serverCpu();
        if (s0 >= 0 && s1 >= 0) r.serverCpuNs = s1 - s0;
    }

    /** Like timeOps for bulk workloads: also records the CPU of each run. */
    static void timeRuns(Result r, int warmup, int runs, Op op) throws Exception {
        for (int i = 0; i < warmup; i++) op.run(i);
        r.warmup = warmup;
        r.wall = new long[runs];
        r.cpuRuns = new long[runs];
        long s0 = serverCpu(), c0 = cpu(), t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long c = cpu(), a = System.nanoTime();
            op.run(warmup + i);
            r.wall[i] = System.nanoTime() - a;
            r.cpuRuns[i] = cpu() - c;
        }
        r.totalWallNs = System.nanoTime() - t0;
        r.cpuNs = cpu() - c0;
        long s1 = serverCpu();
        if (s0 >= 0 && s1 >= 0) r.serverCpuNs = s1 - s0;
    }

    static Result setup() throws Exception {
        Result r = new Result("_setup");
        r.wall = new long[0];
        try (Connection c = connect()) {
            exec(c, "DROP TABLE IF EXISTS bench_kv");
            exec(c, "CREATE TABLE bench_kv " + KV_DDL);
            StringBuilder sel = new StringBuilder("INSERT INTO bench_kv SELECT ");
            for (int i = 0; i < 5; i++) sel.append(i > 0 ? ", " : "").append(EXPR5[i]);
            sel.append(" FROM TABLE(ifx_generate(10000)) AS g(value)");
            exec(c, sel.toString());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench_kv")) {
                rs.next();
                if (rs.getLong(1) != 10000) throw new IllegalStateException("bench_kv has " + rs.getLong(1) + " rows");
            }
        }
        r.conn("setup", 1, 0);
        return r;
    }

    static Result connectClose() throws Exception {
        Result r = new Result("connect");
        int w = runs(100), n = runs(500);
        timeOps(r, w, n, i -> connect().close());
        r.conn("connect", w + n, w + n);
        return r;
    }

    static Result select1() throws Exception {
        Result r = new Result("select1");
        int w = runs(1000), n = runs(2000);
        long[] sum = {0};
        try (Connection c = connect(); Statement st = c.createStatement()) {
            timeOps(r, w, n, i -> {
                try (ResultSet rs = st.executeQuery(SELECT1)) {
                    rs.next();
                    sum[0] += rs.getInt(1);
                }
            });
        }
        if (sum[0] != w + n) throw new IllegalStateException("SELECT 1 sum " + sum[0]);
        r.rows = 1;
        r.conn("measure", 1, w + n);
        return r;
    }

    static int lookupId(int i) {
        return (int) ((i * 7919L) % 10000) + 1;
    }

    static Result lookup() throws Exception {
        Result r = new Result("lookup");
        int w = runs(500), n = runs(1000);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(LOOKUP)) {
            timeOps(r, w, n, i -> {
                int id = lookupId(i);
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != id) throw new IllegalStateException("lookup " + id);
                    rs.getLong(2);
                    rs.getString(3);
                    rs.getBigDecimal(4);
                    rs.getTimestamp(5);
                    if (rs.next()) throw new IllegalStateException("lookup " + id + ": two rows");
                }
            });
        }
        r.rows = 1;
        r.conn("measure", 1, w + n);
        return r;
    }

    static Result fetch5(String name, int nrows) throws Exception {
        Result r = new Result(name);
        int w = runs(3), n = runs(11);
        String sql = fetch5(nrows);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            timeRuns(r, w, n, i -> {
                long cnt = 0, check = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        check += rs.getInt(1);
                        check += rs.getLong(2) & 1;
                        check += rs.getString(3).length();
                        check += rs.getBigDecimal(4).scale();
                        check += rs.getTimestamp(5).getNanos();
                        cnt++;
                    }
                }
                if (cnt != nrows) throw new IllegalStateException(name + ": " + cnt + " rows");
            });
        }
        r.rows = nrows;
        r.extra.put("fetch_buffer", "4096"); // the driver's default FET_BUF_SIZE (1,123 NFETCHes, like rawreader -bufsize 4096)
        r.conn("measure", 1, w + n);
        return r;
    }

    static Result fetchWide() throws Exception {
        Result r = new Result("fetchwide");
        int w = runs(3), n = runs(11), nrows = 10000, ncols = 100;
        String sql = fetchWide(nrows, ncols);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            timeRuns(r, w, n, i -> {
                long cnt = 0, check = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        for (int col = 1; col <= ncols; col++) {
                            switch ((col - 1) % 5) {
                                case 0: check += rs.getInt(col); break;
                                case 1: check += rs.getLong(col) & 1; break;
                                case 2: check += rs.getString(col).length(); break;
                                case 3: check += rs.getBigDecimal(col).scale(); break;
                                default: check += rs.getTimestamp(col).getNanos(); break;
                            }
                        }
                        cnt++;
                    }
                }
                if (cnt != nrows) throw new IllegalStateException("fetchwide: " + cnt + " rows");
            });
        }
        r.rows = nrows;
        r.extra.put("columns", String.valueOf(ncols));
        r.extra.put("fetch_buffer", "4096");
        r.conn("measure", 1, w + n);
        return r;
    }

    static Result insert() throws Exception {
        Result r = new Result("insert");
        int w = runs(1), n = runs(5), nrows = 10000;
        int tables = w + n;
        try (Connection c = connect()) {
            for (int k = 0; k < tables; k++) {
                exec(c, "DROP TABLE IF EXISTS bench_ins_" + TAG + "_" + k);
                exec(c, "CREATE TABLE bench_ins_" + TAG + "_" + k + " " + KV_DDL);
            }
        }
        r.conn("setup", 1, 0);
        // Values are built before timing, as the Python client does.
        BigDecimal[] amounts = new BigDecimal[nrows];
        Timestamp[] times = new Timestamp[nrows];
        LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0, 0);
        for (int i = 0; i < nrows; i++) {
            amounts[i] = BigDecimal.valueOf((long) (i + 1) * 1234, 2);
            times[i] = Timestamp.valueOf(base.plusSeconds(i + 1));
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            timeRuns(r, w, n, k -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ins_" + TAG + "_" + k
                        + " (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < nrows; i++) {
                        ps.setInt(1, i + 1);
                        ps.setLong(2, (i + 1) * 1_000_000_000L);
                        ps.setString(3, "name" + (i + 1));
                        ps.setBigDecimal(4, amounts[i]);
                        ps.setTimestamp(5, times[i]);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    if (counts.length != nrows) throw new IllegalStateException("executeBatch returned " + counts.length);
                }
                c.commit();
            });
        }
        r.conn("measure", 1, w + n);
        try (Connection c = connect()) {
            for (int k = 0; k < tables; k++) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(id) FROM bench_ins_" + TAG + "_" + k)) {
                    rs.next();
                    if (rs.getLong(1) != nrows || rs.getLong(2) != (long) nrows * (nrows + 1) / 2)
                        throw new IllegalStateException("bench_ins_" + TAG + "_" + k + " has " + rs.getLong(1) + " rows");
                }
                exec(c, "DROP TABLE bench_ins_" + TAG + "_" + k);
            }
        }
        r.conn("setup", 1, 0);
        r.rows = nrows;
        return r;
    }

    /** A fixed-size pool: a blocking queue of open connections (see bench/README.md). */
    static final class SimplePool implements AutoCloseable {
        final BlockingQueue<Connection> idle;
        final List<Connection> all = new ArrayList<>();

        SimplePool(int size) throws SQLException {
            idle = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                Connection c = connect();
                all.add(c);
                idle.add(c);
            }
        }

        Connection acquire() throws InterruptedException { return idle.take(); }

        void release(Connection c) { idle.add(c); }

        @Override public void close() throws SQLException {
            for (Connection c : all) c.close();
        }
    }

    static Result pool() throws Exception {
        Result r = new Result("pool");
        int threads = 8, poolSize = 8;
        int w = runs(50), n = runs(250);
        long[][] lat = new long[threads][n];
        CyclicBarrier start = new CyclicBarrier(threads + 1), end = new CyclicBarrier(threads + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long s0, c0, t0, s1, c1, t1;
        try (SimplePool p = new SimplePool(poolSize)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int tid = t;
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < w + n; i++) {
                            if (i == w) start.await();
                            long a = System.nanoTime();
                            int id = lookupId(tid * 100003 + i);
                            Connection c = p.acquire();
                            try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
                                ps.setInt(1, id);
                                try (ResultSet rs = ps.executeQuery()) {
                                    if (!rs.next() || rs.getInt(1) != id) throw new IllegalStateException("lookup " + id);
                                    rs.getLong(2);
                                    rs.getString(3);
                                    rs.getBigDecimal(4);
                                    rs.getTimestamp(5);
                                }
                            } finally {
                                p.release(c);
                            }
                            if (i >= w) lat[tid][i - w] = System.nanoTime() - a;
                        }
                        end.await();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        start.reset();
                        end.reset();
                    }
                }, "pool-" + t);
                th.setDaemon(true);
                ts.add(th);
                th.start();
            }
            start.await(120, TimeUnit.SECONDS);
            s0 = serverCpu(); c0 = cpu(); t0 = System.nanoTime();
            end.await(300, TimeUnit.SECONDS);
            t1 = System.nanoTime(); c1 = cpu(); s1 = serverCpu();
            for (Thread th : ts) th.join();
        }
        if (failure.get() != null) throw new RuntimeException(failure.get());
        r.warmup = w * threads;
        r.wall = new long[threads * n];
        for (int t = 0; t < threads; t++) System.arraycopy(lat[t], 0, r.wall, t * n, n);
        r.cpuNs = c1 - c0;
        r.totalWallNs = t1 - t0;
        if (s0 >= 0 && s1 >= 0) r.serverCpuNs = s1 - s0;
        r.rows = 1;
        r.extra.put("threads", String.valueOf(threads));
        r.extra.put("pool_size", String.valueOf(poolSize));
        r.extra.put("pool", q("own fixed pool: ArrayBlockingQueue of open connections"));
        r.extra.put("ops_per_sec", String.format(Locale.ROOT, "%.1f", threads * n / ((t1 - t0) / 1e9)));
        r.conn("measure", poolSize, (long) threads * (w + n));
        return r;
    }

    // ------------------------------------------------------------ lob
    // The payload (bench/README.md, same bytes as the Go and Python
    // clients): LOB_SIZE bytes repeating a pseudo-random pattern of a prime
    // LOB_PERIOD bytes, x = x*1103515245 + 12345 (mod 2^32) from x = 1, each
    // byte bits 16..23 of the next x.
    static final int LOB_SIZE = 64 << 20, LOB_PERIOD = 65521;

    static byte[] lobPattern() {
        byte[] b = new byte[LOB_PERIOD];
        int x = 1;
        for (int i = 0; i < b.length; i++) {
            x = x * 1103515245 + 12345;
            b[i] = (byte) (x >>> 16);
        }
        return b;
    }

    /** Streams the payload without holding it, as a file would. */
    static final class LobStream extends java.io.InputStream {
        final byte[] pat;
        int off;
        long left = LOB_SIZE;

        LobStream(byte[] pat) { this.pat = pat; }

        @Override public int read() {
            if (left == 0) return -1;
            left--;
            int b = pat[off] & 0xff;
            off = (off + 1) % pat.length;
            return b;
        }

        @Override public int read(byte[] dst, int at, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            for (int done = 0; done < n; ) {
                int k = Math.min(n - done, pat.length - off);
                System.arraycopy(pat, off, dst, at + done, k);
                done += k;
                off = (off + k) % pat.length;
            }
            left -= n;
            return n;
        }
    }

    /** Process peak resident set (VmHWM) in KiB, or -1. */
    static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.substring(6).replace("kB", "").trim());
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }

    static Result lob() throws Exception {
        Result r = new Result("lob");
        int w = runs(1), n = runs(3);
        String table = "bench_lob_" + TAG;
        byte[] pat = lobPattern();
        java.util.zip.CRC32 want = new java.util.zip.CRC32();
        byte[] buf = new byte[256 << 10];
        try (LobStream in = new LobStream(pat)) {
            for (int k; (k = in.read(buf, 0, buf.length)) > 0; ) want.update(buf, 0, k);
        }
        try (Connection c = connect()) {
            exec(c, "DROP TABLE IF EXISTS " + table);
            exec(c, "CREATE TABLE " + table + " (id INTEGER NOT NULL, b BLOB)");
        }
        r.conn("setup", 1, 0);
        try (Connection c = connect();
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (id, b) VALUES (?, ?)");
             PreparedStatement sel = c.prepareStatement("SELECT b FROM " + table + " WHERE id = ?")) {
            timeRuns(r, w, n, i -> {
                ins.setInt(1, i + 1);
                ins.setBinaryStream(2, new LobStream(pat), (long) LOB_SIZE);
                if (ins.executeUpdate() != 1) throw new IllegalStateException("lob: INSERT did not insert");
                sel.setInt(1, i + 1);
                long got = 0;
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                try (ResultSet rs = sel.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("lob: row " + (i + 1) + " not found");
                    try (java.io.InputStream in = rs.getBinaryStream(1)) {
                        for (int k; (k = in.read(buf, 0, buf.length)) > 0; ) {
                            crc.update(buf, 0, k);
                            got += k;
                        }
                    }
                }
                if (got != LOB_SIZE || crc.getValue() != want.getValue())
                    throw new IllegalStateException(String.format("lob run %d: read back %d bytes, CRC-32 %08x; wrote %d, %08x",
                            i, got, crc.getValue(), LOB_SIZE, want.getValue()));
            });
        }
        r.conn("measure", 1, w + n);
        try (Connection c = connect()) {
            exec(c, "DROP TABLE " + table);
        }
        r.conn("setup", 1, 0);
        r.rows = 1;
        r.extra.put("bytes", String.valueOf(LOB_SIZE));
        r.extra.put("crc32", q(String.format("%08x", want.getValue())));
        r.extra.put("note", q("setBinaryStream(2, stream, length) + executeUpdate; getBinaryStream + read"));
        r.extra.put("peak_rss_kib", String.valueOf(peakRssKiB()));
        return r;
    }

    // ------------------------------------------------------------ main
    static String opt(Map<String, String> a, String key, String env, String def) {
        if (a.containsKey(key)) return a.get(key);
        String v = System.getenv(env);
        return v != null && !v.isEmpty() ? v : def;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        host = opt(a, "host", "IFX_HOST", "127.0.0.1");
        port = Integer.parseInt(opt(a, "port", "IFX_PORT", "9088"));
        server = opt(a, "server", "IFX_SERVER", "informix");
        database = opt(a, "database", "IFX_DATABASE", "testdb");
        user = opt(a, "user", "IFX_USER", "informix");
        password = opt(a, "password", "IFX_PASSWORD", "in4mix");
        scale = Double.parseDouble(opt(a, "scale", "IFX_BENCH_SCALE", "1"));
        serverPid = Long.parseLong(opt(a, "server-pid", "IFX_BENCH_SERVER_PID", "0"));
        clkTck = Long.parseLong(opt(a, "clk-tck", "IFX_BENCH_CLK_TCK", "100"));
        String all = "connect,select1,lookup,fetch100k,fetchwide,insert,pool,lob";
        List<String> wanted = Arrays.asList(opt(a, "workloads", "IFX_BENCH_WORKLOADS", all).split(","));
        DriverManager.setLoginTimeout(20);

        Map<String, Callable<Result>> workloads = new LinkedHashMap<>();
        workloads.put("connect", JdbcBench::connectClose);
        workloads.put("select1", JdbcBench::select1);
        workloads.put("lookup", JdbcBench::lookup);
        workloads.put("fetch100k", () -> fetch5("fetch100k", 100000));
        workloads.put("fetchwide", JdbcBench::fetchWide);
        workloads.put("insert", JdbcBench::insert);
        workloads.put("pool", JdbcBench::pool);
        workloads.put("lob", JdbcBench::lob);

        int failed = 0;
        try {
            System.out.println(setup().json());
        } catch (Exception e) {
            System.out.println("{\"client\":\"" + CLIENT + "\",\"workload\":\"_setup\",\"error\":" + q(String.valueOf(e)) + "}");
            System.exit(1);
        }
        for (Map.Entry<String, Callable<Result>> e : workloads.entrySet()) {
            if (!wanted.contains(e.getKey())) continue;
            System.err.println("jdbc: " + e.getKey());
            try {
                System.out.println(e.getValue().call().json());
            } catch (Exception ex) {
                failed++;
                ex.printStackTrace();
                System.out.println("{\"client\":\"" + CLIENT + "\",\"workload\":\"" + e.getKey() + "\",\"error\":"
                        + q(String.valueOf(ex).replaceAll("[\\r\\n]+", " ")) + "}");
            }
            System.out.flush();
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
