package ifx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ifxgo/ifx"
)

func ExampleConnect() {
	ctx := context.Background()
	conn, err := ifx.Connect(ctx, "informix://informix:in4mix@localhost:9088/stores?server=informix")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	info := conn.ServerInfo()
	fmt.Println("connected to", info.Name, info.Version)
}

func ExampleConn_Query() {
	ctx := context.Background()
	conn, err := ifx.Connect(ctx, "informix://informix:in4mix@localhost:9088/stores?server=informix")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)

	rows, err := conn.Query(ctx, "SELECT customer_num, lname FROM customer WHERE state = ?", "CA")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var num int
		var lname string
		if err := rows.Scan(&num, &lname); err != nil {
			log.Fatal(err)
		}
		fmt.Println(num, lname)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
}

func ExampleConn_Exec() {
	ctx := context.Background()
	conn, err := ifx.Connect(ctx, "informix://informix:in4mix@localhost:9088/stores?server=informix")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)

	tag, err := conn.Exec(ctx, "INSERT INTO orders (customer_num, po_num) VALUES (?, ?)", 101, "B77836")
	if ifx.IsUniqueViolation(err) {
		fmt.Println("duplicate order")
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	if id, ok := tag.LastInsertID(); ok {
		fmt.Println("new order", id)
	}
}

func ExampleConn_Begin() {
	ctx := context.Background()
	conn, err := ifx.Connect(ctx, "informix://informix:in4mix@localhost:9088/stores?server=informix")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)

	tx, err := conn.BeginTx(ctx, ifx.TxOptions{IsoLevel: ifx.CommittedRead})
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback(ctx) // ErrTxClosed after Commit

	if _, err := tx.Exec(ctx, "UPDATE stock SET unit_price = unit_price * 1.05 WHERE manu_code = ?", "HRO"); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		log.Fatal(err)
	}
}

func ExampleParseConfig() {
	cfg, err := ifx.ParseConfig("jdbc:informix-sqli://db1:9088/stores:INFORMIXSERVER=ol_prod;user=app;password=secret;DBDATE=DMY4/")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cfg.Hosts[0], cfg.Server, cfg.Database, cfg.Env["DBDATE"])
	fmt.Println(cfg)
	// Output:
	// db1:9088 ol_prod stores DMY4/
	// informix://app:xxxxx@db1:9088/stores?server=ol_prod&client_locale=en_US.8859-1&env.DBDATE=DMY4/
}
