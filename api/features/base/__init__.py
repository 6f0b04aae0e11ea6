"""What every GraphQL feature uses: payloads and user errors, IDs in inputs, shared enums, paging."""
