// Package ifxconn is the connection layer of the Informix driver: one
// SQLI session over TCP or TLS, with no statements, cursors or
// transactions of its own. It is what pgconn is to pgx: package ifx
// builds its Conn on an *ifxconn.Conn, and so can an advanced user who
// wants to speak SQLI without the high-level API.
//
// It holds:
//   - Config and ParseConfig: the DSN forms, the environment, sqlhosts,
//     TLS and every option (one parser, which ifxpool and stdlib use
//     through ParseConfigWithOptions);
//   - Connect: dialing, TLS, the login exchange, PAM, redirects and
//     failover across Config.Hosts, keeping the first server whose role
//     fits Config.TargetSessionAttrs (WrongRoleError for the others);
//   - the wire connection (Conn): the socket, the SQLI reader, the busy
//     and closed flags, the context watcher that sends the interrupt,
//     request groups and their replies (RoundTrip, SendGroups, Recv,
//     ReadReply), the queue of CLOSE and RELEASE groups sent ahead of the
//     next request, and the checks that a reply fits its request;
//   - CheckConn (a socket peek), SafeToRetry, Conn.Lost and LostInFlight
//     (the server or the network ended the connection), the Error type and the
//     sentinel errors of the connection, the client locale's Codec, and
//     the fast-path routine call (CallRoutine).
//
// The import graph points one way: sqli ← ifxtype ← ifxconn ← ifx.
// docs/ARCHITECTURE.md says where each thing goes.
package ifxconn
