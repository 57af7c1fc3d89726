package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.RoomAlias;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.RemoteDirectory;
import org.weft.ejb.users.Requester;
import org.weft.persistence.rooms.RoomAliasEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Room aliases of this server (client-server API, "Room aliases"; seed "Room Aliases"): create,
 * resolve, list, delete. Aliases of other servers need federation queries (a later issue).
 */
@Stateless
public class AliasService {

    @Inject
    RemoteDirectory remoteDirectory;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    RoomAccess access;

    @EJB
    PowerLevelQueries powerLevels;

    /** The full alias for createRoom's {@code room_alias_name}; taken: 400 M_ROOM_IN_USE. */
    public String localAlias(String name) {
        if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
            throw MatrixException.invalidParam("room_alias_name must be a non-empty localpart without ':' or spaces");
        }
        String alias = "#" + name + ":" + settings.serverName();
        parse(alias);
        if (em.find(RoomAliasEntity.class, alias) != null) {
            throw new MatrixException(ErrCode.M_ROOM_IN_USE, "Room alias " + alias + " is already in use");
        }
        return alias;
    }

    /** Records a new alias (the caller checked it is free and local). */
    public void create(String alias, String roomId, String creator) {
        em.persist(new RoomAliasEntity(alias, roomId, creator, System.currentTimeMillis()));
    }

    /**
     * PUT /directory/room/{roomAlias}: a taken alias is 409 (the spec's status) with
     * M_ROOM_IN_USE, the code the spec defines for an alias in use.
     */
    public void put(String alias, String roomId, Requester requester) {
        RoomAlias parsed = parse(alias);
        if (!parsed.server().equals(settings.serverName())) {
            throw MatrixException.invalidParam("Room alias must belong to this server");
        }
        if (em.find(RoomEntity.class, roomId) == null) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
        access.requireJoined(roomId, requester.userId());
        if (em.find(RoomAliasEntity.class, alias) != null) {
            throw new MatrixException(ErrCode.M_ROOM_IN_USE, 409, "Room alias " + alias + " already exists",
                    java.util.Map.of());
        }
        create(alias, roomId, requester.userId());
    }

    /** The room an alias points to; 404 M_NOT_FOUND if none. */
    public String resolve(String alias) {
        parse(alias);
        RoomAliasEntity entity = em.find(RoomAliasEntity.class, alias);
        if (entity == null) {
            throw MatrixException.notFound("Room alias " + alias + " not found");
        }
        return entity.getRoomId();
    }

    /**
     * The room an alias names and servers that can join it: ours from the database; another
     * server's asked of that server, outside any transaction (a request may take a while).
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public RemoteDirectory.Target target(String alias) {
        RoomAlias parsed = parse(alias);
        if (parsed.server().equals(settings.serverName())) {
            return new RemoteDirectory.Target(resolve(alias), List.of(settings.serverName().toString()));
        }
        return remoteDirectory.resolve(parsed);
    }

    /** True if the alias exists and points to the room. */
    public boolean pointsTo(String alias, String roomId) {
        RoomAliasEntity entity = em.find(RoomAliasEntity.class, alias);
        return entity != null && entity.getRoomId().equals(roomId);
    }

    /** DELETE /directory/room/{roomAlias}: the alias's creator, a room admin or a server admin. */
    public void delete(String alias, Requester requester) {
        parse(alias);
        RoomAliasEntity entity = em.find(RoomAliasEntity.class, alias);
        if (entity == null) {
            throw MatrixException.notFound("Room alias " + alias + " not found");
        }
        boolean allowed = requester.admin() || entity.getCreator().equals(requester.userId())
                || ("join".equals(access.membership(entity.getRoomId(), requester.userId()))
                    && powerLevels.canSendState(access.room(entity.getRoomId()), requester.userId(), "m.room.canonical_alias"));
        if (!allowed) {
            throw MatrixException.forbidden("You may not delete this alias");
        }
        em.remove(entity);
    }

    /** GET /rooms/{roomId}/aliases: the local aliases of a room. */
    public List<String> list(String roomId) {
        return em.createNamedQuery(RoomAliasEntity.FIND_BY_ROOM, RoomAliasEntity.class)
                .setParameter("roomId", roomId).getResultList().stream().map(RoomAliasEntity::getRoomAlias).toList();
    }

    private static RoomAlias parse(String alias) {
        try {
            return RoomAlias.parse(alias);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Invalid room alias: " + alias);
        }
    }
}
