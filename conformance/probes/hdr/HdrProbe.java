import com.informix.jdbc.IfmxConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * IBM JDBC as a black box against ifxtestd's cluster roles (run.sh).
 * Connects with the URL in args[0] and prints what JDBC says of the
 * server's role (IfmxConnection.isReadOnly, getHDRType), then the result
 * of the write in args[1]: OK and the row count, or ERR with JDBC's
 * SQLCODE, the ISAM code in the chained exception, and the message.
 */
public class HdrProbe {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0])) {
      IfmxConnection ic = (IfmxConnection) c;
      System.out.println("connected");
      try {
        System.out.println("readOnly=" + c.isReadOnly());
      } catch (SQLException e) {
        System.out.println("isReadOnly ERR " + e.getErrorCode() + " " + e.getMessage());
      }
      try {
        System.out.println("hdrType=" + ic.getHDRType() + " hdrEnabled=" + ic.isHDREnabled());
      } catch (SQLException e) {
        System.out.println("getHDRType ERR " + e.getErrorCode() + " " + e.getMessage());
      }
      try {
        int n = c.createStatement().executeUpdate(args[1]);
        System.out.println("OK " + n);
      } catch (SQLException e) {
        SQLException next = e.getNextException();
        System.out.println("ERR " + e.getErrorCode() + " isam=" + (next == null ? "none" : String.valueOf(next.getErrorCode())) + " " + e.getMessage());
      }
    } catch (SQLException e) {
      System.out.println("CONNECT ERR " + e.getErrorCode() + " " + e.getMessage());
    }
  }
}
