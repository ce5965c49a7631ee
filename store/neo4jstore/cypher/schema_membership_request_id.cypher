CREATE CONSTRAINT membership_request_id IF NOT EXISTS
FOR (q:MembershipRequest) REQUIRE q.id IS UNIQUE
