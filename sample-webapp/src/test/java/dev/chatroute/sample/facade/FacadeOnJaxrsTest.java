package dev.chatroute.sample.facade;

/** The facade's contract on the JAX-RS resource, at {@code /v1}. */
class FacadeOnJaxrsTest extends FacadeContract {

    @Override
    String prefix() {
        return "/v1";
    }
}
