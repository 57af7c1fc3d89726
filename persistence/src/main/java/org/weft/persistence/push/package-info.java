/** Push rule changes of users (client-server API, "Push Rules: API"); see V006__push_rules.sql. */
package org.weft.persistence.push;
