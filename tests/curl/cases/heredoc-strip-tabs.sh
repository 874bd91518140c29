curl https://api.example.com/echo --data-binary @- <<-EOF
	{"a": 1}
	EOF
