package sqli

// PAM login (feature 44). A server that sets feature 44 in its
// SQ_PROTOCOLS answer runs a PAM conversation before SQ_INFO: the client
// starts it with SQ_ACK SQ_EOT; the server sends SQ_CHALLENGE SQ_EOT
// groups; the client answers a prompt with SQ_RESPONSE SQ_EOT and a
// message with nothing; SQ_ACCEPT SQ_EOT ends it (logged in).
// docs/PROTOCOL.md has the layouts and their evidence (IBM JDBC).

// PAM challenge styles: PAM's message styles (pam_conv(3)).
const (
	PAMPromptEchoOff = 1 // a secret, such as a password
	PAMPromptEchoOn  = 2 // a visible answer, such as a user name or a code
	PAMErrorMsg      = 3 // a message; no answer
	PAMTextInfo      = 4 // a message; no answer
)

// Ack (SQ_ACK) starts the PAM conversation.
type Ack struct{}

// Accept (SQ_ACCEPT) is the server's end of a successful PAM
// conversation.
type Accept struct{}

// Tag implements Message.
func (Ack) Tag() Tag { return TagAck }

// Encode implements Message.
func (Ack) Encode(dst []byte, _ Features) []byte { return appendTag(dst, TagAck) }

// Decode implements Message.
func (Ack) Decode([]byte, Features) (int, error) { return 0, nil }

// Tag implements Message.
func (Accept) Tag() Tag { return TagAccept }

// Encode implements Message.
func (Accept) Encode(dst []byte, _ Features) []byte { return appendTag(dst, TagAccept) }

// Decode implements Message.
func (Accept) Decode([]byte, Features) (int, error) { return 0, nil }

// Challenge (SQ_CHALLENGE) is one PAM message from the server: its style
// (PAMPromptEchoOff…PAMTextInfo) and the text PAM gave, as a CHAR (i16
// length, bytes, pad to even).
type Challenge struct {
	Style int16
	Text  []byte // aliases the decoded input
}

// Tag implements Message.
func (*Challenge) Tag() Tag { return TagChallenge }

// Encode implements Message.
func (m *Challenge) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagChallenge)
	dst = AppendInt16(dst, m.Style)
	return AppendCharBytes(dst, m.Text)
}

// Decode implements Message.
func (m *Challenge) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagChallenge)
	m.Style = d.int16()
	m.Text = d.charBytes()
	return d.off, d.err
}

// Response (SQ_RESPONSE) is the client's answer to a prompt.
type Response struct {
	Text []byte // aliases the decoded input
}

// Tag implements Message.
func (*Response) Tag() Tag { return TagResponse }

// Encode implements Message.
func (m *Response) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagResponse)
	return AppendCharBytes(dst, m.Text)
}

// Decode implements Message.
func (m *Response) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagResponse)
	m.Text = d.charBytes()
	return d.off, d.err
}
