package sqli

import "strconv"

// Tag is the 16-bit code that starts every post-association message.
type Tag int16

// Message tags (SQ_* constants of IBM's clients).
const (
	TagCommand           Tag = 1
	TagPrepare           Tag = 2
	TagCurName           Tag = 3
	TagID                Tag = 4
	TagBind              Tag = 5
	TagOpen              Tag = 6
	TagExecute           Tag = 7
	TagDescribe          Tag = 8
	TagNFetch            Tag = 9
	TagClose             Tag = 10
	TagRelease           Tag = 11
	TagEOT               Tag = 12
	TagErr               Tag = 13
	TagTuple             Tag = 14
	TagDone              Tag = 15
	TagPut               Tag = 17 // insert-cursor rows (name unconfirmed: JDBC's IfxSqli.sendPut)
	TagCommitWork        Tag = 19
	TagRollback          Tag = 20
	TagNDescribe         Tag = 22
	TagSFetch            Tag = 23
	TagScroll            Tag = 24
	TagTupID             Tag = 25
	TagDBList            Tag = 26
	TagBegin             Tag = 35
	TagDBOpen            Tag = 36
	TagDBClose           Tag = 37
	TagFetchBlob         Tag = 38
	TagBlob              Tag = 39
	TagBBind             Tag = 41
	TagHold              Tag = 43
	TagWantDone          Tag = 49
	TagCost              Tag = 55
	TagExit              Tag = 56
	TagInfo              Tag = 81
	TagInsertDone        Tag = 94
	TagXactStat          Tag = 99
	TagRetType           Tag = 100
	TagAutoFree          Tag = 108
	TagCIDescribe        Tag = 124
	TagIDescribe         Tag = 125
	TagProtocols         Tag = 126
	TagAccept            Tag = 127
	TagAck               Tag = 128
	TagChallenge         Tag = 129
	TagResponse          Tag = 130
	TagSavepoint         Tag = 137 // JDBC setSavepoint
	TagReleaseSavepoint  Tag = 138
	TagRollbackSavepoint Tag = 139
	TagBatchStart        Tag = 141
	TagBatchEnd          Tag = 142
)

var tagNames = map[Tag]string{
	TagCommand: "SQ_COMMAND", TagPrepare: "SQ_PREPARE", TagCurName: "SQ_CURNAME",
	TagID: "SQ_ID", TagBind: "SQ_BIND", TagOpen: "SQ_OPEN", TagExecute: "SQ_EXECUTE",
	TagDescribe: "SQ_DESCRIBE", TagNFetch: "SQ_NFETCH", TagClose: "SQ_CLOSE",
	TagRelease: "SQ_RELEASE", TagEOT: "SQ_EOT", TagErr: "SQ_ERR", TagTuple: "SQ_TUPLE",
	TagDone: "SQ_DONE", TagPut: "SQ_PUT", TagCommitWork: "SQ_CMMTWORK", TagRollback: "SQ_RBWORK",
	TagNDescribe: "SQ_NDESCRIBE", TagSFetch: "SQ_SFETCH", TagScroll: "SQ_SCROLL",
	TagTupID: "SQ_TUPID", TagDBList: "SQ_DBLIST", TagBegin: "SQ_BEGIN", TagDBOpen: "SQ_DBOPEN",
	TagDBClose: "SQ_DBCLOSE", TagFetchBlob: "SQ_FETCHBLOB", TagBlob: "SQ_BLOB", TagBBind: "SQ_BBIND",
	TagHold: "SQ_HOLD", TagWantDone: "SQ_WANTDONE", TagCost: "SQ_COST",
	TagExit: "SQ_EXIT", TagInfo: "SQ_INFO", TagInsertDone: "SQ_INSERTDONE",
	TagXactStat: "SQ_XACTSTAT", TagRetType: "SQ_RET_TYPE", TagAutoFree: "SQ_AUTOFREE",
	TagCIDescribe: "SQ_CIDESCRIBE", TagIDescribe: "SQ_IDESCRIBE",
	TagProtocols: "SQ_PROTOCOLS", TagAccept: "SQ_ACCEPT", TagAck: "SQ_ACK",
	TagChallenge: "SQ_CHALLENGE", TagResponse: "SQ_RESPONSE",
	TagSGKPrepare: "SQ_SGKPREPARE", TagSGKDescribe: "SQ_SGKDESCRIBE", TagSGKTuple: "SQ_SGKTUPLE",
	TagSavepoint: "SQ_SVPOINT", TagRollbackSavepoint: "SQ_RBSVPOINT", TagReleaseSavepoint: "SQ_RLSVPOINT",
	TagBatchStart: "SQ_BATCHSTART", TagBatchEnd: "SQ_BATCHEND",
}

// String returns the SQ_* name of the tag, or its number when unknown.
func (t Tag) String() string {
	if n, ok := tagNames[t]; ok {
		return n
	}
	return "SQ_?(" + strconv.Itoa(int(t)) + ")"
}
