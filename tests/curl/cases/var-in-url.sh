curl "$BASE_URL/chat/completions" -H "Authorization: Bearer $ARK_API_KEY"
