package netgraph.launcher;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community DBMS with its Bolt connector on a loopback port, authentication on, all
 * data under one directory, and keeps it running until the process is told to stop (SIGTERM or SIGINT).
 *
 * <p>Usage: {@code Launcher DIR PORT PASSWORD_FILE}. DIR holds the DBMS (data/, logs/, plugins/); PORT 0 picks a
 * free one. The password of user {@code neo4j} is the one in PASSWORD_FILE (set at start when it changed). Extra settings, for example those a plugin needs, are read from {@code DIR/neo4j.conf} when it
 * exists; plugin jars go on the class path (scripts/neo4j adds every jar in {@code DIR/plugins}).
 *
 * <p>Once Bolt completes a protocol handshake on the port, it writes {@code DIR/bolt.port} and prints "ready" on
 * standard output; scripts/neo4j waits for that file.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher DIR PORT PASSWORD_FILE");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();
        if (port == 0) {
            port = freePort();
        }
        Path portFile = dir.resolve("bolt.port");
        Files.deleteIfExists(portFile);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dir);
        Path conf = dir.resolve("neo4j.conf");
        if (Files.exists(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.plugin_dir, dir.resolve("plugins"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(System.getenv().getOrDefault("NEO4J_PAGECACHE", "512m")))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            dbms.shutdown();
        }));
        try {
            setPassword(dbms, dir, password);
            waitForBolt(port);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }
        Path tmp = dir.resolve("bolt.port.tmp");
        Files.writeString(tmp, Integer.toString(port) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ready on bolt://127.0.0.1:" + port);
        Thread.currentThread().join(); // until the shutdown hook ends the process
    }

    /**
     * Sets the password of user neo4j (and clears "change required") unless it was set to this one before: Neo4j
     * refuses to set a password to the one it already has. The embedded API has full rights, so it may.
     */
    private static void setPassword(DatabaseManagementService dbms, Path dir, String password) throws IOException {
        Path applied = dir.resolve("password.applied");
        if (Files.exists(applied) && Files.readString(applied, StandardCharsets.UTF_8).equals(password)) {
            return;
        }
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        Files.writeString(applied, password, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Waits until the port completes a Bolt handshake: the magic preamble, then a version the server accepts. */
    private static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                // Preamble 0x6060B017, then four proposals: 5.x (range 5.0–5.4), 4.4, none, none.
                out.write(new byte[] {0x60, 0x60, (byte) 0xB0, 0x17,
                        0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0});
                out.flush();
                int version = new DataInputStream(s.getInputStream()).readInt();
                if (version != 0) {
                    return;
                }
                last = new IOException("bolt refused every protocol version offered");
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("bolt did not answer on port " + port, last);
    }
}
