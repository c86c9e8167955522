module github.com/hugokit/hugokit

go 1.21
