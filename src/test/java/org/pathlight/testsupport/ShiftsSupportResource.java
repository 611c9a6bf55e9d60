package org.pathlight.testsupport;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Test-only: moves a booked shift into the past, where the API rightly never creates one. */
@Path("test-support/shifts")
@RequestScoped
public class ShiftsSupportResource {

  @PersistenceContext EntityManager em;

  @POST
  @Path("{id}/backdate")
  @Transactional
  public Response backdate(@PathParam("id") long id, @QueryParam("hours") int hours) {
    int moved =
        em.createNativeQuery(
                "update shift set starts_at = starts_at - make_interval(hours => ?2),"
                    + " ends_at = ends_at - make_interval(hours => ?2) where id = ?1")
            .setParameter(1, id)
            .setParameter(2, hours)
            .executeUpdate();
    return Response.status(moved == 1 ? 204 : 404).build();
  }
}
