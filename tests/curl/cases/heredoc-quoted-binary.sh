curl https://api.example.com/echo --data-binary @- <<'EOF'
{
  "literal": "$NOT_EXPANDED"
}
EOF
