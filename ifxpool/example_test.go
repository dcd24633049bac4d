package ifxpool_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ifxgo/ifx/ifxpool"
	"github.com/ifxgo/ifx/ifxtest"
)

// Example runs against an ifxtest server; with a real Informix the DSN
// would be "informix://informix:in4mix@db:9088/stores?server=informix&pool_max_conns=8".
func Example() {
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()

	pool, err := ifxpool.New(ctx, srv.DSN("testdb")+"&pool_max_conns=4&pool_min_conns=1")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	if _, err := pool.Exec(ctx, "CREATE TABLE account (id INTEGER PRIMARY KEY, owner VARCHAR(20), balance INTEGER)"); err != nil {
		log.Fatal(err)
	}
	// One row per INSERT: Informix has no multi-row VALUES.
	for _, q := range []string{"INSERT INTO account VALUES (1, 'ann', 100)", "INSERT INTO account VALUES (2, 'bob', 50)"} {
		if _, err := pool.Exec(ctx, q); err != nil {
			log.Fatal(err)
		}
	}

	// A transaction: its connection goes back to the pool at Commit (or
	// Rollback, which the defer runs if anything fails first).
	tx, err := pool.Begin(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE account SET balance = balance - ? WHERE id = ?", 30, 1); err != nil {
		log.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "UPDATE account SET balance = balance + ? WHERE id = ?", 30, 2); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		log.Fatal(err)
	}

	// Query: the connection goes back when the rows are closed (Next does
	// it at the end).
	rows, err := pool.Query(ctx, "SELECT owner, balance FROM account ORDER BY id")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var owner string
		var balance int
		if err := rows.Scan(&owner, &balance); err != nil {
			log.Fatal(err)
		}
		fmt.Println(owner, balance)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}

	// QueryRow: the connection goes back after Scan.
	var total int
	if err := pool.QueryRow(ctx, "SELECT SUM(balance) FROM account").Scan(&total); err != nil {
		log.Fatal(err)
	}
	fmt.Println("total", total)

	s := pool.Stat()
	fmt.Println("in use:", s.AcquiredConns, "acquires:", s.AcquireCount)
	// Output:
	// ann 70
	// bob 80
	// total 150
	// in use: 0 acquires: 6
}

// Acquire a connection for several statements of your own; Release rolls
// back whatever transaction is still open and returns it.
func ExamplePool_Acquire() {
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	pool, err := ifxpool.New(ctx, srv.DSN("testdb")+"&pool_acquire_timeout=2s")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	conn, err := pool.Acquire(ctx)
	if err != nil {
		log.Fatal(err) // errors.Is(err, ifxpool.ErrAcquireTimeout) after 2 s
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SET LOCK MODE TO WAIT 5"); err != nil {
		log.Fatal(err)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < ?", 3).Scan(&n); err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 2
}
