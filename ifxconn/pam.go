package ifxconn

import (
	"context"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// PAMStyle is the kind of a PAM challenge: PAM's message styles.
type PAMStyle int16

// PAM challenge styles.
const (
	PAMPromptEchoOff PAMStyle = sqli.PAMPromptEchoOff // a secret such as a password
	PAMPromptEchoOn  PAMStyle = sqli.PAMPromptEchoOn  // a visible answer such as a one-time code
	PAMErrorMsg      PAMStyle = sqli.PAMErrorMsg      // a message, no answer
	PAMTextInfo      PAMStyle = sqli.PAMTextInfo      // a message, no answer
)

// PAMChallenge is one message of a PAM login, as the server's PAM module
// wrote it.
type PAMChallenge struct {
	Style PAMStyle
	Text  string
	// Index counts the challenges of this login from 1.
	Index int
}

// Prompt reports whether the challenge wants an answer (styles 1 and
// 2); the answer to a message (styles 3 and 4) is ignored.
func (ch PAMChallenge) Prompt() bool {
	return ch.Style == PAMPromptEchoOff || ch.Style == PAMPromptEchoOn
}

// ErrPAMRefused is wrapped by the error of a PAM login the server refused
// (a wrong password or code).
var ErrPAMRefused = errors.New("ifx: the server refused the PAM login")

// PAMError reports a failed PAM login: refused by the server
// (errors.Is(err, ErrPAMRefused)), or given up by Config.PAMHandler.
// Another host of Config.Hosts is not tried.
type PAMError struct {
	Challenges int // challenges received before the failure
	Err        error
}

// Error implements error.
func (e *PAMError) Error() string {
	if errors.Is(e.Err, ErrPAMRefused) {
		return fmt.Sprintf("ifx: PAM login refused after %d challenge(s): wrong answer (password or code)", e.Challenges)
	}
	return fmt.Sprintf("ifx: PAM login failed at challenge %d: %v", e.Challenges, e.Err)
}

// Unwrap returns the cause.
func (e *PAMError) Unwrap() error { return e.Err }

// maxPAMChallenges bounds a conversation with a server that never ends
// it; the connect deadline bounds its time.
const maxPAMChallenges = 64

// defaultPAMHandler answers prompts with the configured password, as a
// PAM module that stands in for the password check expects.
func (c *Conn) defaultPAMHandler(_ context.Context, ch PAMChallenge) (string, error) {
	return c.cfg.Password, nil
}

// pamLogin runs the PAM conversation a server asks for with feature 44
// (docs/PROTOCOL.md "PAM"): SQ_ACK SQ_EOT; then each SQ_CHALLENGE
// SQ_EOT from the server gets SQ_RESPONSE SQ_EOT when it is a prompt and
// nothing when it is a message; SQ_ACCEPT SQ_EOT ends it, SQ_EXIT refuses.
func (c *Conn) pamLogin(ctx context.Context) error {
	handler := c.cfg.PAMHandler
	if handler == nil {
		handler = c.defaultPAMHandler
	}
	if err := c.write("PAM login", sqli.AppendGroup(c.wbuf[:0], c.feat, sqli.Ack{})); err != nil {
		return err
	}
	n := 0
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			c.closeNow()
			var pe *sqli.ProtocolError
			if errors.As(err, &pe) || errors.Is(err, sqli.ErrUnknownTag) {
				return &ProtocolError{Op: "PAM login", Err: err}
			}
			return c.loginReadError(err)
		}
		switch m := m.(type) {
		case sqli.EOT:
		case *sqli.Challenge:
			n++
			if n > maxPAMChallenges {
				c.closeNow()
				return &ProtocolError{Op: "PAM login", Err: fmt.Errorf("more than %d challenges", maxPAMChallenges)}
			}
			var scratch []byte
			text := c.codec.Decode(m.Text, &scratch)
			ch := PAMChallenge{Style: PAMStyle(m.Style), Text: text, Index: n}
			// The challenge ends at its SQ_EOT: JDBC answers only then.
			if eot, err := c.recv("PAM login"); err != nil {
				return err
			} else if eot.Tag() != sqli.TagEOT {
				c.closeNow()
				return &ProtocolError{Op: "PAM login", Err: fmt.Errorf("%v after SQ_CHALLENGE", eot.Tag())}
			}
			answer, err := handler(ctx, ch)
			if err != nil {
				c.closeNow()
				return &PAMError{Challenges: n, Err: err}
			}
			if !ch.Prompt() {
				continue
			}
			enc, err := c.codec.EncodeString(answer)
			if err != nil {
				c.closeNow()
				return &PAMError{Challenges: n, Err: err}
			}
			if err := sqli.CheckField("PAM answer", len(enc), sqli.MaxInt16Field); err != nil {
				c.closeNow()
				return &PAMError{Challenges: n, Err: err}
			}
			if err := c.write("PAM login", sqli.AppendGroup(c.wbuf[:0], c.feat, &sqli.Response{Text: []byte(enc)})); err != nil {
				return err
			}
		case sqli.Accept:
			// SQ_EOT follows; read it so that SQ_INFO goes out on a
			// quiet stream.
			eot, err := c.recv("PAM login")
			if err != nil {
				return err
			}
			if eot.Tag() != sqli.TagEOT {
				c.closeNow()
				return &ProtocolError{Op: "PAM login", Err: fmt.Errorf("%v after SQ_ACCEPT", eot.Tag())}
			}
			return nil
		case sqli.Exit:
			c.closeNow()
			return &PAMError{Challenges: n, Err: ErrPAMRefused}
		case *sqli.Err:
			var r Reply
			c.noteErr(&r, m)
			c.closeNow()
			if r.Err != nil {
				return &PAMError{Challenges: n, Err: r.Err}
			}
			return &PAMError{Challenges: n, Err: ErrPAMRefused}
		default:
			c.closeNow()
			return &ProtocolError{Op: "PAM login", Err: fmt.Errorf("%v in the PAM conversation", m.Tag())}
		}
	}
}
