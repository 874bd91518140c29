curl https://api.example.com/echo -d "{\"cost\": \"\$5\", \"path\": \"C:\\\\temp\", \"tick\": \"\`\", \"keep\": \"\n\"}"
