import GlanceAPI
import GlanceCore

extension Cloud {
    /// Which of `images` servers boot from, as far as Compute lets this session see.
    func serverUsage(of images: [Image]) -> UsageCheck {
        .unavailable("this version does not ask Compute yet")
    }
}
