curl https://api.example.com/echo -H 'Content-Type: application/json' -d @- <<EOF
{
  "key": "$ARK_API_KEY",
  "n": 1
}
EOF
