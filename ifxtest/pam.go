package ifxtest

import (
	"errors"
	"fmt"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// PAMStep is one challenge of a scripted PAM conversation (Config.PAM).
type PAMStep struct {
	// Style is the PAM message style: sqli.PAMPromptEchoOff (a password),
	// sqli.PAMPromptEchoOn (a visible answer such as a one-time code),
	// sqli.PAMErrorMsg or sqli.PAMTextInfo (messages, acknowledged).
	Style int16
	// Text is what PAM shows ("Password: ").
	Text string
	// Answer is the reply a prompt must get; any other ends the login
	// (SQ_EXIT). Unused for messages.
	Answer string
}

// pamTimeout bounds the whole conversation, as the association's read
// deadline bounds the connection request.
const pamTimeout = 30 * time.Second

// pamConversation runs Config.PAM after the SQ_PROTOCOLS exchange of a
// client that negotiated feature 44: it waits for SQ_ACK, sends each
// challenge (SQ_CHALLENGE SQ_EOT), checks each prompt's SQ_RESPONSE, and
// ends with SQ_ACCEPT SQ_EOT. An
// error means the login failed and the connection is to be closed.
func (c *conn) pamConversation() error {
	c.netConn.SetReadDeadline(time.Now().Add(pamTimeout))
	defer c.netConn.SetReadDeadline(time.Time{})
	if !c.feat.Has(sqli.FeaturePAM) {
		// The client cannot take part: refuse its next request.
		c.readPAM()
		c.refusePAM("client did not negotiate PAM (feature 44)")
		return errors.New("login: PAM required, client not PAM capable")
	}
	m, err := c.readPAM()
	if err != nil {
		return err
	}
	if m.Tag() != sqli.TagAck {
		c.srv.violation("conn %d: %v instead of SQ_ACK to start PAM", c.id, m.Tag())
		c.refusePAM("PAM not started")
		return fmt.Errorf("login: %v instead of SQ_ACK", m.Tag())
	}
	for i, step := range c.srv.cfg.PAM {
		c.out = (&sqli.Challenge{Style: step.Style, Text: []byte(c.cs.encodeString(step.Text))}).Encode(c.out[:0], c.feat)
		c.out = sqli.EOT{}.Encode(c.out, c.feat)
		if err := c.write(c.out); err != nil {
			return err
		}
		if step.Style != sqli.PAMPromptEchoOff && step.Style != sqli.PAMPromptEchoOn {
			// A message needs no answer: JDBC sends none and waits for
			// the next challenge (docs/PROTOCOL.md "PAM").
			continue
		}
		m, err := c.readPAM()
		if err != nil {
			return err
		}
		r, ok := m.(*sqli.Response)
		if !ok {
			c.srv.violation("conn %d: %v instead of SQ_RESPONSE in the PAM conversation", c.id, m.Tag())
			c.refusePAM("PAM prompt not answered")
			return fmt.Errorf("login: %v instead of SQ_RESPONSE to PAM prompt %d", m.Tag(), i+1)
		}
		if string(r.Text) != c.cs.encodeString(step.Answer) {
			c.refusePAM("wrong answer to PAM challenge")
			return fmt.Errorf("login: wrong answer to PAM challenge %d", i+1)
		}
	}
	c.out = sqli.Accept{}.Encode(c.out[:0], c.feat)
	c.out = sqli.EOT{}.Encode(c.out, c.feat)
	return c.write(c.out)
}

// readPAM reads the client's next message of the conversation and the
// SQ_EOT that ends its group (JDBC sends SQ_ACK SQ_EOT and SQ_RESPONSE
// SQ_EOT); left unread, that SQ_EOT would read as an empty request group
// after the login.
func (c *conn) readPAM() (sqli.Message, error) {
	m, err := c.rd.ReadFrontend()
	if err != nil {
		return nil, err
	}
	if m.Tag() == sqli.TagEOT {
		c.srv.violation("conn %d: empty group in the PAM conversation", c.id)
		return m, nil
	}
	eot, err := c.rd.ReadFrontend()
	if err != nil {
		return nil, err
	}
	if eot.Tag() != sqli.TagEOT {
		c.srv.violation("conn %d: %v after %v in the PAM conversation", c.id, eot.Tag(), m.Tag())
		return eot, nil
	}
	return m, nil
}

// refusePAM ends a failed conversation as JDBC expects IDS to: a bare
// SQ_EXIT, which JDBC reports as -79885 "PAM authorization has failed."
// (an SQ_ERR there is "Invalid message type", -408, to JDBC).
func (c *conn) refusePAM(why string) {
	c.logf("PAM login refused: %s", why)
	c.write(sqli.Exit{}.Encode(c.out[:0], c.feat))
}
