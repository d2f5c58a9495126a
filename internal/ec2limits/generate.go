package ec2limits

//go:generate go run ./gen -out table_gen.go
