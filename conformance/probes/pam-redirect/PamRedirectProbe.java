import com.informix.jdbcx.IfxPAMChallenge;
import com.informix.jdbcx.IfxPAMResponse;
import com.informix.jdbcx.PAM;
import com.informix.jdbcx.PAMResponseImpl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * IBM JDBC as a black box against ifxtestd's PAM and redirect modes (run.sh).
 * Prints each PAM challenge JDBC hands its PAM class (style and text), then
 * OK and a query result, or ERR with JDBC's SQLCODE and message. The answer
 * to challenge N comes from the system property ansN.
 */
public class PamRedirectProbe implements PAM {
  private static int n = 0;

  public IfxPAMResponse pamChallenge(IfxPAMChallenge c) {
    n++;
    System.out.println("challenge " + n + " style=" + c.getChallengeType() + " text=[" + c.getChallenge() + "]");
    IfxPAMResponse r = new PAMResponseImpl();
    r.setResponse(System.getProperty("ans" + n, ""));
    return r;
  }

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0])) {
      ResultSet rs = c.createStatement().executeQuery("select tabname from systables where tabid = 1");
      rs.next();
      System.out.println("OK " + rs.getString(1));
    } catch (SQLException e) {
      System.out.println("ERR " + e.getErrorCode() + " " + e.getMessage());
    }
  }
}
