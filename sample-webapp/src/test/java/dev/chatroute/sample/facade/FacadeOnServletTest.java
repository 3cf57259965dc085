package dev.chatroute.sample.facade;

/** The facade's contract on the servlet filter, at {@code /servlet/v1}. */
class FacadeOnServletTest extends FacadeContract {

    @Override
    String prefix() {
        return "/servlet/v1";
    }
}
